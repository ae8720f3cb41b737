using Bot.Commands.Callbacks;
using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Reminders;
using Microsoft.EntityFrameworkCore;

namespace Bot.Commands.Reminders;

/// <summary>The buttons under /settings. Every press saves at once and edits the settings message to show the
/// new state, in the new language if that was the change.</summary>
public sealed class SettingsButtons(SettingsView view, ReminderDefaults defaults) : ICallbackHandler
{
    public string Route => SettingsView.Route;

    public Access Access => Access.Member;

    public async Task Handle(CallbackContext ctx, CallbackData data, CancellationToken ct)
    {
        var member = await ctx.Db.Members.FindAsync([ctx.From.Id], ct);
        if (member is null || ctx.Message is not { } message || data.ArgumentCount != 2)
        {
            ctx.Answer(ctx.Plain("Callback.Stale"));
            return;
        }

        var settings = await ctx.Db.MemberSettings.FindAsync([ctx.From.Id], ct);
        var culture = ctx.Culture;
        switch (data.Token(0), data.Token(1))
        {
            case ("lang", "de" or "en"):
                member.Language = data.Token(1);
                culture = ctx.Texts.CultureFor(member.Language);
                break;
            case ("lead", "def"):
                settings = await Change(ctx, settings, s => s.LeadTimes = null, ct);
                break;
            case ("lead", null) when data.TryGetLong(1, out var minutes) && LeadTimes.Presets.Contains(TimeSpan.FromMinutes(minutes)):
                var leads = defaults.LeadsOf(settings?.LeadTimes).ToList();
                var lead = TimeSpan.FromMinutes(minutes);
                if (!leads.Remove(lead))
                {
                    leads.Add(lead);
                }

                settings = await Change(ctx, settings, s => s.LeadTimes = LeadTimes.Format(leads), ct);
                break;
            case ("quiet", "off"):
                settings = await Change(ctx, settings, s => s.QuietHours = "", ct);
                break;
            case ("quiet", "def"):
                settings = await Change(ctx, settings, s => s.QuietHours = null, ct);
                break;
            case ("quiet", null) when data.TryGetLong(1, out var preset) && preset < SettingsView.QuietPresets.Count:
                settings = await Change(ctx, settings, s => s.QuietHours = SettingsView.QuietPresets[(int)preset].ToString(), ct);
                break;
            default:
                ctx.Answer(ctx.Plain("Callback.Stale"));
                return;
        }

        var (text, keyboard) = view.Render(culture.TwoLetterISOLanguageName, settings, culture);
        ctx.Outbox.Edit(message.Chat.Id, message.MessageId, text, keyboard);
        ctx.Answer(ctx.Texts.Plain("Settings.Saved", culture));
    }

    /// <summary>Changes the member's reminder settings (adding their row the first time) and stamps the change.
    /// The upcoming events they said yes or maybe to get a new version, in the same transaction, so the reminder
    /// sweep plans those events anew with the new settings.</summary>
    internal static async Task<MemberSettings> Change(ChatContext ctx, MemberSettings? settings, Action<MemberSettings> change, CancellationToken ct)
    {
        if (settings is null)
        {
            settings = new MemberSettings { UserId = ctx.From.Id };
            ctx.Db.MemberSettings.Add(settings);
        }

        change(settings);
        var now = ctx.Clock.GetUtcNow().UtcDateTime;
        settings.ChangedAt = now;
        var user = ctx.From.Id;
        var answered = await ctx.Db.Events
            .Where(e => e.CancelledAt == null && e.StartsAt > now
                && ctx.Db.Rsvps.Any(r => r.EventId == e.Id && r.UserId == user && (r.Answer == Answer.Yes || r.Answer == Answer.Maybe)))
            .ToListAsync(ct);
        foreach (var @event in answered)
        {
            @event.Version++;
        }

        return settings;
    }
}
