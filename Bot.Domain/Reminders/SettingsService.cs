using Bot.Domain.Chapters;
using Bot.Domain.Events;

namespace Bot.Domain.Reminders;

/// <summary>A member's own choices: the language they read, their reminder lead times and quiet hours, and the
/// events they muted. A new lead time or quiet hours re-plans their reminders: the upcoming events they said yes or
/// maybe to get a new <see cref="Event.Version"/> in the same unit of work, so the next sweep looks at them again.</summary>
public sealed class SettingsService(ISettingsStore store, IChapterStore members, ReminderDefaults defaults, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The member's reminder settings; null: all defaults (or not a member).</summary>
    public Task<MemberSettings?> Of(long userId, CancellationToken ct) => store.Settings(userId, ct);

    public async Task<bool> IsMember(long userId, CancellationToken ct) => await members.Member(userId, ct) is not null;

    /// <summary>False when the person is not a member.</summary>
    public async Task<bool> SetLanguage(long userId, string language, CancellationToken ct)
    {
        if (await members.Member(userId, ct) is not { } member)
        {
            return false;
        }

        member.Language = language;
        member.LanguageChosen = true;
        return true;
    }

    /// <summary>Adds the lead time to the member's own (starting from the defaults), or takes it away.</summary>
    public Task<MemberSettings> ToggleLead(long userId, TimeSpan lead, CancellationToken ct) =>
        Change(userId, settings =>
        {
            var leads = defaults.LeadsOf(settings.LeadTimes).ToList();
            if (!leads.Remove(lead))
            {
                leads.Add(lead);
            }

            settings.LeadTimes = LeadTimes.Format(leads);
        }, ct);

    public Task<MemberSettings> DefaultLeads(long userId, CancellationToken ct) => Change(userId, s => s.LeadTimes = null, ct);

    /// <summary>Sets the member's quiet hours; <see cref="QuietHours.None"/> turns them off, null follows the default.</summary>
    public Task<MemberSettings> SetQuiet(long userId, QuietHours? quiet, CancellationToken ct) =>
        Change(userId, s => s.QuietHours = quiet?.ToString(), ct);

    /// <summary>No further reminders of the event to the member; only for an event they answered.</summary>
    public async Task<MuteOutcome> Mute(long userId, long eventId, CancellationToken ct)
    {
        if (!await store.Answered(eventId, userId, ct))
        {
            return MuteOutcome.NotAnswered;
        }

        if (!await store.IsMuted(eventId, userId, ct))
        {
            store.Add(new ReminderMute { EventId = eventId, UserId = userId, MutedAt = Now });
        }

        return MuteOutcome.Muted;
    }

    private async Task<MemberSettings> Change(long userId, Action<MemberSettings> change, CancellationToken ct)
    {
        var settings = await store.Settings(userId, ct);
        if (settings is null)
        {
            settings = new MemberSettings { UserId = userId };
            store.Add(settings);
        }

        change(settings);
        settings.ChangedAt = Now;
        foreach (var @event in await store.AnsweredUpcoming(userId, Now, ct))
        {
            @event.Version++;
        }

        return settings;
    }
}

public enum MuteOutcome
{
    Muted,

    /// <summary>The member never answered the event (a forged button): nothing is stored.</summary>
    NotAnswered,
}

/// <summary>Where members' settings and mutes are kept; additions join the caller's unit of work.</summary>
public interface ISettingsStore
{
    Task<MemberSettings?> Settings(long userId, CancellationToken ct);

    void Add(MemberSettings settings);

    Task<bool> Answered(long eventId, long userId, CancellationToken ct);

    Task<bool> IsMuted(long eventId, long userId, CancellationToken ct);

    void Add(ReminderMute mute);

    /// <summary>The events not cancelled and not started that the member said yes or maybe to, to be changed.</summary>
    Task<IReadOnlyList<Event>> AnsweredUpcoming(long userId, DateTime now, CancellationToken ct);
}
