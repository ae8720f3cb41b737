using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Reminders;
using Bot.Tests.Support;
using Moq;

namespace Bot.Tests.Reminders;

/// <summary>A member's choices: a new lead time re-plans the reminders of what they answered; a mute needs an
/// answer.</summary>
public sealed class SettingsServiceTests
{
    private const long Member = 1;
    private readonly FakeTimeProvider clock = new();
    private readonly InMemorySettingsStore store = new();
    private readonly SettingsService service;

    public SettingsServiceTests() =>
        service = new SettingsService(store, Mock.Of<IChapterStore>(), new ReminderDefaults([TimeSpan.FromDays(1)], QuietHours.None, TimeZoneInfo.Utc), clock);

    [Fact]
    public async Task NewLeadTime_ReplansTheEventsTheMemberAnswered_AndOnlyThose()
    {
        var answered = new Event { Id = 1, Title = "Stammtisch", Place = "Krone", Version = 4 };
        store.Answered.Add(answered);

        var settings = await service.ToggleLead(Member, TimeSpan.FromHours(2), CancellationToken.None);

        Assert.Equal("1440,120", settings.LeadTimes);
        Assert.Equal(5, answered.Version);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, settings.ChangedAt);
    }

    [Fact]
    public async Task ToggledTwice_TheLeadTimeIsGoneAgain()
    {
        await service.ToggleLead(Member, TimeSpan.FromHours(2), CancellationToken.None);

        var settings = await service.ToggleLead(Member, TimeSpan.FromHours(2), CancellationToken.None);

        Assert.Equal("1440", settings.LeadTimes);
    }

    [Fact]
    public async Task QuietHoursOff_IsStoredAsNone_Default_AsNull()
    {
        Assert.Equal("", (await service.SetQuiet(Member, QuietHours.None, CancellationToken.None)).QuietHours);
        Assert.Null((await service.SetQuiet(Member, null, CancellationToken.None)).QuietHours);
    }

    [Fact]
    public async Task Mute_OfAnEventNeverAnswered_StoresNothing()
    {
        Assert.Equal(MuteOutcome.NotAnswered, await service.Mute(Member, 7, CancellationToken.None));
        Assert.Empty(store.Mutes);
    }

    [Fact]
    public async Task Mute_Twice_IsStoredOnce()
    {
        store.AnsweredIds.Add(7);

        await service.Mute(Member, 7, CancellationToken.None);
        Assert.Equal(MuteOutcome.Muted, await service.Mute(Member, 7, CancellationToken.None));

        Assert.Single(store.Mutes);
    }

    private sealed class InMemorySettingsStore : ISettingsStore
    {
        private MemberSettings? settings;

        public List<Event> Answered { get; } = [];

        public List<long> AnsweredIds { get; } = [];

        public List<ReminderMute> Mutes { get; } = [];

        public Task<MemberSettings?> Settings(long userId, CancellationToken ct) => Task.FromResult(settings);

        public void Add(MemberSettings added) => settings = added;

        Task<bool> ISettingsStore.Answered(long eventId, long userId, CancellationToken ct) => Task.FromResult(AnsweredIds.Contains(eventId));

        public Task<bool> IsMuted(long eventId, long userId, CancellationToken ct) => Task.FromResult(Mutes.Any(m => m.EventId == eventId && m.UserId == userId));

        public void Add(ReminderMute mute) => Mutes.Add(mute);

        public Task<IReadOnlyList<Event>> AnsweredUpcoming(long userId, DateTime now, CancellationToken ct) => Task.FromResult<IReadOnlyList<Event>>(Answered);
    }
}
