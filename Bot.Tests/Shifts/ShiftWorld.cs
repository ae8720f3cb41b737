using Bot.Domain.Canvassing;
using Bot.Domain.Chapters;
using Bot.Domain.Messaging;
using Bot.Domain.Reminders;
using Bot.Tests.Support;

namespace Bot.Tests.Shifts;

/// <summary>A chapter with its members and shifts, held in memory, for the shift rules without the host: a root
/// chapter (1) with a neighbourhood chapter (2), the services on a store of lists, notices collected in a list, and
/// a clock that moves only when the test moves it.</summary>
internal sealed class ShiftWorld
{
    public const long Root = 1;
    public const long Neighbourhood = 2;
    public const long Organizer = 100;

    private readonly ChapterTree tree = new([
        new Chapter { Id = Root, Name = "Landesverband" },
        new Chapter { Id = Neighbourhood, Name = "Kiez", ParentId = Root },
    ]);

    private readonly List<Membership> memberships = [new() { UserId = Organizer, ChapterId = Root, Role = Role.Organizer }];

    public ShiftWorld()
    {
        Shifts = new ShiftService(Store, Clock);
        Sweep = new ShiftSweep(Store, Audience, Told, new ReminderDefaults([TimeSpan.FromDays(1), TimeSpan.FromHours(2)], QuietHours.None, TimeZoneInfo.Utc));
    }

    public FakeTimeProvider Clock { get; } = new();

    public InMemoryShiftStore Store { get; } = new();

    public RecordedNotices Told { get; } = new();

    public ListedAudience Audience { get; } = new();

    public ShiftService Shifts { get; }

    public ShiftSweep Sweep { get; }

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    public Permissions Person(long userId) => new(userId, tree, memberships.Where(m => m.UserId == userId).ToList());

    public ShiftWorld Member(long userId, long chapterId = Root, Role role = Role.Member)
    {
        memberships.Add(new Membership { UserId = userId, ChapterId = chapterId, Role = role });
        return this;
    }

    public async Task<Shift> Shift(int slots = 2, int? minimum = null, TimeSpan? startsIn = null, string area = "Wahlbereich 12", string? campaign = null)
    {
        var start = Now + (startsIn ?? TimeSpan.FromDays(7));
        var created = await Shifts.Create(Person(Organizer), new ShiftDraft(Root, area, start, start + TimeSpan.FromHours(3), "Marktplatz", slots, minimum, campaign), CancellationToken.None);
        return Assert.IsType<CreateShiftOutcome.Created>(created).Shift;
    }

    public Task<SignUpOutcome> SignUp(long userId, Shift shift) => Shifts.SignUp(Person(userId), shift.Id, CancellationToken.None);

    public Task<SignUpOutcome> Withdraw(long userId, Shift shift) => Shifts.Withdraw(Person(userId), shift.Id, CancellationToken.None);

    /// <summary>Members signing up one after another, each a member of the root chapter.</summary>
    public async Task SignUp(Shift shift, params long[] userIds)
    {
        foreach (var userId in userIds)
        {
            if (memberships.All(m => m.UserId != userId))
            {
                Member(userId);
            }

            Assert.IsType<SignUpOutcome.Recorded>(await SignUp(userId, shift));
        }
    }

    public async Task<Roster> RosterOf(Shift shift) => Roster.Of(shift, await Store.SignUps(shift.Id, CancellationToken.None));

    public Task<int> SweepAt(DateTime at) => Sweep.Run(new DateTimeOffset(at, TimeSpan.Zero), CancellationToken.None);

    public Task<ReportOutcome> Report(long userId, int doors, int conversations, string? note = null, long? shiftId = null) =>
        Shifts.Report(Person(userId), shiftId, doors, conversations, note, CancellationToken.None);
}

/// <summary>The shift store as lists: ids assigned on add, as the database would on save.</summary>
internal sealed class InMemoryShiftStore : IShiftStore
{
    private readonly List<Shift> shifts = [];
    private readonly List<ShiftSignUp> signUps = [];
    private readonly List<ShiftReport> reports = [];
    private readonly List<ShiftReminderRecord> reminders = [];

    public int Saves { get; private set; }

    public IReadOnlyList<ShiftReport> Reports => reports;

    public Task<Shift?> Shift(long id, CancellationToken ct) => Task.FromResult(shifts.FirstOrDefault(s => s.Id == id));

    public Task AddWithId(Shift shift, CancellationToken ct)
    {
        shift.Id = shifts.Count + 1;
        shifts.Add(shift);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ShiftSignUp>> SignUps(long shiftId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ShiftSignUp>>(signUps.Where(s => s.ShiftId == shiftId).ToList());

    public void Add(ShiftSignUp signUp)
    {
        signUp.Id = signUps.Count == 0 ? 1 : signUps.Max(s => s.Id) + 1;
        signUps.Add(signUp);
    }

    public void Remove(ShiftSignUp signUp) => signUps.Remove(signUp);

    public Task<IReadOnlyDictionary<long, Member>> SignedUp(long shiftId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<long, Member>>(signUps.Where(s => s.ShiftId == shiftId)
            .ToDictionary(s => s.UserId, s => new Member { UserId = s.UserId, DisplayName = $"Mitglied {s.UserId}" }));

    public Task<IReadOnlyList<Shift>> Upcoming(IReadOnlyCollection<long> chapterIds, DateTime now, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Shift>>(shifts.Where(s => chapterIds.Contains(s.ChapterId) && s.StartsAt > now && !s.IsCancelled).OrderBy(s => s.StartsAt).ToList());

    public Task<IReadOnlyList<Shift>> SignedUpFor(long userId, DateTime now, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Shift>>(shifts.Where(s => s.EndsAt > now && !s.IsCancelled && signUps.Any(u => u.ShiftId == s.Id && u.UserId == userId)).ToList());

    public Task<IReadOnlyList<Shift>> Worked(long userId, DateTime now, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Shift>>(shifts
            .Where(s => s.EndsAt <= now && !s.IsCancelled && Roster.Of(s, signUps.Where(u => u.ShiftId == s.Id)).HasPlace(userId))
            .OrderByDescending(s => s.EndsAt).ToList());

    public Task<ShiftReport?> Report(long shiftId, long userId, CancellationToken ct) =>
        Task.FromResult(reports.FirstOrDefault(r => r.ShiftId == shiftId && r.UserId == userId));

    public void Add(ShiftReport report)
    {
        report.Id = reports.Count + 1;
        reports.Add(report);
    }

    public Task<IReadOnlyList<(Shift Shift, IReadOnlyList<ShiftReport> Reports)>> Ended(IReadOnlyCollection<long> chapterIds, DateTime now, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<(Shift, IReadOnlyList<ShiftReport>)>>(shifts
            .Where(s => chapterIds.Contains(s.ChapterId) && s.EndsAt <= now && !s.IsCancelled)
            .Select(s => (s, (IReadOnlyList<ShiftReport>)reports.Where(r => r.ShiftId == s.Id).ToList())).ToList());

    public Task<IReadOnlyList<Shift>> StaffingDue(DateTime now, DateTime until, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Shift>>(shifts.Where(s => s.StaffingCheckedAt is null && !s.IsCancelled && s.StartsAt > now && s.StartsAt <= until).ToList());

    public Task<IReadOnlyList<Shift>> ResultsDue(DateTime now, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Shift>>(shifts.Where(s => s.ResultsAskedAt is null && !s.IsCancelled && s.EndsAt <= now).ToList());

    public Task<IReadOnlyList<Shift>> StartingBetween(DateTime now, DateTime until, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Shift>>(shifts.Where(s => !s.IsCancelled && s.StartsAt > now && s.StartsAt <= until).ToList());

    public Task<IReadOnlyList<ShiftReminderRecord>> RemindersSent(long shiftId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ShiftReminderRecord>>(reminders.Where(r => r.ShiftId == shiftId).ToList());

    public Dictionary<long, MemberSettings> Settings { get; } = [];

    public Task<IReadOnlyDictionary<long, MemberSettings>> ReminderSettings(IReadOnlyCollection<long> userIds, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<long, MemberSettings>>(Settings.Where(s => userIds.Contains(s.Key)).ToDictionary());

    public void Add(ShiftReminderRecord record) => reminders.Add(record);

    public Task Save(CancellationToken ct)
    {
        Saves++;
        return Task.CompletedTask;
    }
}

/// <summary>The "help needed" audience as a fixed list.</summary>
internal sealed class ListedAudience : IShiftAudience
{
    public List<long> Members { get; } = [];

    public Task<IReadOnlyList<long>> HelpNeededAudience(long chapterId, CancellationToken ct) => Task.FromResult<IReadOnlyList<long>>(Members);
}
