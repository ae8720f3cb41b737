using Bot.Commands.Callbacks;
using Bot.Domain.Chapters;
using Bot.Domain.Reminders;

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
        var now = ctx.Clock.GetUtcNow().UtcDateTime;
        var culture = ctx.Culture;
        switch (data.Token(0), data.Token(1))
        {
            case ("lang", "de" or "en"):
                member.Language = data.Token(1);
                culture = ctx.Texts.CultureFor(member.Language);
                break;
            case ("lead", "def"):
                settings = Ensure(ctx, settings);
                (settings.LeadTimes, settings.ChangedAt) = (null, now);
                break;
            case ("lead", null) when data.TryGetLong(1, out var minutes) && LeadTimes.Presets.Contains(TimeSpan.FromMinutes(minutes)):
                settings = Ensure(ctx, settings);
                var leads = defaults.LeadsOf(settings.LeadTimes).ToList();
                var lead = TimeSpan.FromMinutes(minutes);
                if (!leads.Remove(lead))
                {
                    leads.Add(lead);
                }

                (settings.LeadTimes, settings.ChangedAt) = (LeadTimes.Format(leads), now);
                break;
            case ("quiet", "off"):
                settings = Ensure(ctx, settings);
                (settings.QuietHours, settings.ChangedAt) = ("", now);
                break;
            case ("quiet", "def"):
                settings = Ensure(ctx, settings);
                (settings.QuietHours, settings.ChangedAt) = (null, now);
                break;
            case ("quiet", null) when data.TryGetLong(1, out var preset) && preset < SettingsView.QuietPresets.Count:
                settings = Ensure(ctx, settings);
                (settings.QuietHours, settings.ChangedAt) = (SettingsView.QuietPresets[(int)preset].ToString(), now);
                break;
            default:
                ctx.Answer(ctx.Plain("Callback.Stale"));
                return;
        }

        var (text, keyboard) = view.Render(culture.TwoLetterISOLanguageName, settings, culture);
        ctx.Outbox.Edit(message.Chat.Id, message.MessageId, text, keyboard);
        ctx.Answer(ctx.Texts.Plain("Settings.Saved", culture));
    }

    /// <summary>The member's settings row, added when they change something for the first time.</summary>
    internal static MemberSettings Ensure(ChatContext ctx, MemberSettings? settings)
    {
        if (settings is null)
        {
            settings = new MemberSettings { UserId = ctx.From.Id };
            ctx.Db.MemberSettings.Add(settings);
        }

        return settings;
    }
}
