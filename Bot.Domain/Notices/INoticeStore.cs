using Bot.Domain.Chapters;

namespace Bot.Domain.Notices;

/// <summary>Where notices and their delivery records are kept; additions join the caller's unit of work.</summary>
public interface INoticeStore
{
    Task<MeetingNotice?> Notice(long id, CancellationToken ct);

    /// <summary>Adds the notice and gives it its id at once, still inside the caller's unit of work.</summary>
    Task AddWithId(MeetingNotice notice, CancellationToken ct);

    /// <summary>Adds the issue and gives it its id (its buttons and messages name it).</summary>
    Task AddWithId(NoticeIssue issue, CancellationToken ct);

    void Add(IEnumerable<NoticeDelivery> deliveries);

    Task<IReadOnlyList<NoticeIssue>> Issues(long noticeId, CancellationToken ct);

    /// <summary>Every member of these chapters, once, and whether Telegram still lets the bot write to them: the
    /// addressees of a notice, read without keeping thousands of members in the unit of work.</summary>
    Task<IReadOnlyList<(long UserId, bool Reachable)>> Recipients(IReadOnlyCollection<long> chapterIds, CancellationToken ct);

    Task<NoticeIssue?> Issue(long issueId, CancellationToken ct);

    Task<NoticeDelivery?> Delivery(long issueId, long userId, CancellationToken ct);

    /// <summary>The issue's deliveries with their members (null once erased).</summary>
    Task<IReadOnlyList<(NoticeDelivery Delivery, Member? Member)>> Deliveries(long issueId, CancellationToken ct);

    /// <summary>Of these members, those whose private chat is known to refuse messages, and why.</summary>
    Task<IReadOnlyDictionary<long, NotReached>> Unreachable(IReadOnlyCollection<long> userIds, CancellationToken ct);

    /// <summary>Notices of these chapters, newest first.</summary>
    Task<IReadOnlyList<MeetingNotice>> NoticesOf(IReadOnlyCollection<long> chapterIds, int take, CancellationToken ct);

    /// <summary>Issues whose reminder is due by <paramref name="at"/> and not sent, for meetings still to come.</summary>
    Task<IReadOnlyList<NoticeIssue>> RemindersDue(DateTime at, CancellationToken ct);

    /// <summary>Commits what the caller changed (for jobs, which have no update around them).</summary>
    Task Save(CancellationToken ct);
}

/// <summary>Words a notice in the chapter's formal language (the host's resources). Every member receives the
/// same words, so one SHA-256 proves what all of them were sent.</summary>
public interface INoticeWriter
{
    string Word(NoticeContent content);
}

/// <summary>Everything a notice says.</summary>
public sealed record NoticeContent(
    string ChapterName,
    string Title,
    DateTime StartsAt,
    string Place,
    IReadOnlyList<string> Agenda,
    string? ShortenedReason,
    int PeriodDays,
    string SenderName,
    DateTime SentAt,
    NoticeAmendment? Amendment);

/// <summary>What an amended notice changed, with the values it replaces.</summary>
public sealed record NoticeAmendment(int Number, NoticeChanges Changes, DateTime WasStartsAt, string WasPlace, IReadOnlyList<string> WasAgenda);

[Flags]
public enum NoticeChanges
{
    None = 0,
    Time = 1,
    Place = 2,
    Agenda = 4,
}
