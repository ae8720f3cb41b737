using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Messaging;
using Bot.Domain.Notices;
using Bot.Domain.Time;
using Bot.Tests.Events;
using Bot.Tests.Support;
using Bot.Tests.Time;

namespace Bot.Tests.Notices;

/// <summary>A Kreisverband (2) under the root (1) with two neighbourhood chapters (3 below it, 4 beside it), the
/// notice service on stores of lists, a clock in Berlin that moves only when the test moves it, and every notice
/// told recorded instead of sent.</summary>
internal sealed class NoticeWorld
{
    public const long Root = 1;
    public const long District = 2;
    public const long Neighbourhood = 3;
    public const long Elsewhere = 4;
    public const long Organizer = 100;
    public const long Admin = 101;

    public NoticeWorld(int defaultPeriod = 14)
    {
        Chapters.Chapters.AddRange([
            new Chapter { Id = Root, Name = "Landesverband" },
            new Chapter { Id = District, Name = "Kreisverband", ParentId = Root },
            new Chapter { Id = Neighbourhood, Name = "Kiez", ParentId = District },
            new Chapter { Id = Elsewhere, Name = "Nachbarkreis", ParentId = Root },
        ]);
        Join(Organizer, District, Role.Organizer);
        Join(Admin, District, Role.Admin);
        var clock = new ChapterClock(Clock, Berlin.Zone);
        Store = new InMemoryNoticeStore(Chapters);
        Service = new NoticeService(Store, Chapters, new EventService(Events, Clock), Told, Writer, clock, new NoticeDefaults(defaultPeriod));
    }

    /// <summary>Monday 1 June 2026, 10:00 in Berlin.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.FromHours(2)));

    public InMemoryChapterStore Chapters { get; } = new();

    public InMemoryEventStore Events { get; } = new();

    public InMemoryNoticeStore Store { get; }

    public RecordedNotices Told { get; } = new();

    public RecordingWriter Writer { get; } = new();

    public NoticeService Service { get; }

    public Member Join(long userId, long chapterId = District, Role role = Role.Member, bool reachable = true)
    {
        var member = Chapters.Members.FirstOrDefault(m => m.UserId == userId);
        if (member is null)
        {
            member = new Member { UserId = userId, DisplayName = $"Mitglied {userId}", Reachable = reachable };
            Chapters.Members.Add(member);
        }

        Chapters.Memberships.Add(new Membership { UserId = userId, ChapterId = chapterId, Role = role });
        return member;
    }

    public Permissions Person(long userId) =>
        new(userId, new ChapterTree(Chapters.Chapters), Chapters.Memberships.Where(m => m.UserId == userId).ToList());

    /// <summary>A meeting on a day in June 2026 at 19:00 Berlin time.</summary>
    public static NoticeDraft Draft(int juneDay, string? shortened = null, long chapterId = District) =>
        new(chapterId, "Kreisparteitag", new DateTimeOffset(2026, 6, juneDay, 19, 0, 0, TimeSpan.FromHours(2)).UtcDateTime, "Bürgerhaus",
            ["Begrüßung", "Wahlen", "Verschiedenes"], shortened);

    public Task<ConveneOutcome> Convene(NoticeDraft draft, long by = Organizer) => Service.Convene(Person(by), draft, CancellationToken.None);

    public IReadOnlyList<long> FormalNoticesTo() => Told.All.OfType<FormalNotice>().Select(n => ((Recipient.Member)n.To).UserId).Order().ToList();
}

/// <summary>Words a notice as its content, so tests can read what it says.</summary>
internal sealed class RecordingWriter : INoticeWriter
{
    public List<NoticeContent> Worded { get; } = [];

    public string Word(NoticeContent content)
    {
        Worded.Add(content);
        return $"{content.Title} | {content.Place} | {string.Join("; ", content.Agenda)} | {content.ShortenedReason} | {content.Amendment?.Changes}";
    }
}

internal sealed class InMemoryNoticeStore(InMemoryChapterStore Chapters) : INoticeStore
{
    public List<MeetingNotice> Notices { get; } = [];
    public List<NoticeIssue> IssuesList { get; } = [];
    public List<NoticeDelivery> DeliveriesList { get; } = [];
    public Dictionary<long, NotReached> UnreachableChats { get; } = [];

    public int Saves { get; private set; }

    public Task<MeetingNotice?> Notice(long id, CancellationToken ct) => Task.FromResult(Notices.FirstOrDefault(n => n.Id == id));

    public Task AddWithId(MeetingNotice notice, CancellationToken ct)
    {
        notice.Id = Notices.Count + 1;
        Notices.Add(notice);
        return Task.CompletedTask;
    }

    public Task AddWithId(NoticeIssue issue, CancellationToken ct)
    {
        issue.Id = IssuesList.Count + 1;
        IssuesList.Add(issue);
        return Task.CompletedTask;
    }

    public void Add(IEnumerable<NoticeDelivery> deliveries)
    {
        foreach (var delivery in deliveries)
        {
            delivery.Id = DeliveriesList.Count + 1;
            DeliveriesList.Add(delivery);
        }
    }

    public Task<IReadOnlyList<NoticeIssue>> Issues(long noticeId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<NoticeIssue>>(IssuesList.Where(i => i.NoticeId == noticeId).OrderBy(i => i.Number).ToList());

    public Task<IReadOnlyList<(long UserId, bool Reachable)>> Recipients(IReadOnlyCollection<long> chapterIds, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<(long, bool)>>(Chapters.Memberships.Where(m => chapterIds.Contains(m.ChapterId)).Select(m => m.UserId).Distinct()
            .Select(id => (id, Chapters.Members.Single(p => p.UserId == id).Reachable)).ToList());

    public Task<NoticeIssue?> Issue(long issueId, CancellationToken ct) => Task.FromResult(IssuesList.FirstOrDefault(i => i.Id == issueId));

    public Task<NoticeDelivery?> Delivery(long issueId, long userId, CancellationToken ct) =>
        Task.FromResult(DeliveriesList.FirstOrDefault(d => d.IssueId == issueId && d.UserId == userId));

    public Task<IReadOnlyList<(NoticeDelivery Delivery, Member? Member)>> Deliveries(long issueId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<(NoticeDelivery, Member?)>>(DeliveriesList.Where(d => d.IssueId == issueId).Select(d => (d, (Member?)null)).ToList());

    public Task<IReadOnlyDictionary<long, NotReached>> Unreachable(IReadOnlyCollection<long> userIds, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<long, NotReached>>(UnreachableChats.Where(u => userIds.Contains(u.Key)).ToDictionary());

    public Task<IReadOnlyList<MeetingNotice>> NoticesOf(IReadOnlyCollection<long> chapterIds, int take, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<MeetingNotice>>(Notices.Where(n => chapterIds.Contains(n.ChapterId)).OrderByDescending(n => n.Id).Take(take).ToList());

    public Task<IReadOnlyList<NoticeIssue>> RemindersDue(DateTime at, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<NoticeIssue>>(IssuesList
            .Where(i => i.RemindedAt == null && i.RemindAt <= at && Notices.Any(n => n.Id == i.NoticeId && n.StartsAt > at)).ToList());

    public Task Save(CancellationToken ct)
    {
        Saves++;
        return Task.CompletedTask;
    }
}
