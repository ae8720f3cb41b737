namespace Bot.Domain.Messaging;

/// <summary>The outbound port: the domain says what to tell whom and how urgently; the host words each notice in
/// its reader's language and queues it in the unit of work of the change that caused it, so nobody is told about
/// a change that does not commit.</summary>
public interface INotices
{
    /// <summary>Queues the notices, in this order.</summary>
    Task Tell(IReadOnlyList<Notice> notices, CancellationToken ct);

    /// <summary>Takes back the event's reminders that are queued but not sent yet.</summary>
    Task WithdrawReminders(long eventId, CancellationToken ct);
}

/// <summary>Something to tell someone; its words are the host's.</summary>
public abstract record Notice(Recipient To, Urgency Urgency);

/// <summary>Who is told: a member in their private chat, in their language, or a chapter's linked group, which
/// many people read, in the default language and without names.</summary>
public abstract record Recipient
{
    public sealed record Member(long UserId) : Recipient;

    public sealed record Group(long ChatId) : Recipient;
}
