namespace Bot.Domain.Notices;

/// <summary>A meeting convened with a formal notice (Einladung, Ladung): a member assembly, a party conference.
/// The meeting itself is an event (for RSVP); this is what the statutes care about: what was announced, with which
/// period, and whether it was shortened.</summary>
public sealed class MeetingNotice
{
    public const int MaxAgendaItems = 30;
    public const int MaxAgendaItemLength = 300;
    public const int MaxReasonLength = 300;

    public long Id { get; set; }
    public long ChapterId { get; set; }
    public long EventId { get; set; }
    public required string Title { get; set; }
    public required string Place { get; set; }
    public DateTime StartsAt { get; set; }

    /// <summary>The agenda items, one per line.</summary>
    public required string Agenda { get; set; }

    /// <summary>Why the notice period was shortened, printed in the notice; null: the full period.</summary>
    public string? ShortenedReason { get; set; }

    public int PeriodDays { get; set; }
    public long? CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }

    public IReadOnlyList<string> AgendaItems => Agenda.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>One notice as it went out: the first one (number 1) or an amended one. The text is kept as sent, with
/// its SHA-256, as proof of what members received.</summary>
public sealed class NoticeIssue
{
    public long Id { get; set; }
    public long NoticeId { get; set; }
    public int Number { get; set; }
    public required string Text { get; set; }
    public required string Sha256 { get; set; }

    /// <summary>Who sent it; null after they erased their data.</summary>
    public long? SentBy { get; set; }
    public DateTime SentAt { get; set; }
    public string? ShortenedReason { get; set; }

    /// <summary>Halfway between sending and the meeting: when those who have not confirmed are reminded.</summary>
    public DateTime RemindAt { get; set; }

    /// <summary>When the reminder went out (or was given up, once a newer notice replaced this one).</summary>
    public DateTime? RemindedAt { get; set; }

    public bool IsAmendment => Number > 1;
}

/// <summary>What became of one notice for one member: handed to Telegram (when, which message), receipt
/// confirmed, or why it could not be delivered. After the member erased their data it stays without a user: the
/// counts and times remain proof, the name does not.</summary>
public sealed class NoticeDelivery
{
    public long Id { get; set; }
    public long IssueId { get; set; }
    public long? UserId { get; set; }
    public DateTime? HandedAt { get; set; }
    public long? MessageId { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public NotReached? NotReached { get; set; }
    public DateTime? NotReachedAt { get; set; }

    public bool IsPending => HandedAt is null && NotReached is null;
}

/// <summary>Why a notice did not reach a member, for the list of those to invite by letter or e-mail.</summary>
public enum NotReached
{
    /// <summary>The member never pressed Start in a private chat: bots cannot write first.</summary>
    NeverStarted = 1,
    Blocked = 2,
    ChatNotFound = 3,
    /// <summary>The Telegram account was deleted.</summary>
    Deactivated = 4,
    /// <summary>Telegram refused the message for another reason, or sending gave up.</summary>
    Failed = 5,
}
