using Bot.Commands.Callbacks;
using Bot.Domain.Chapters;
using Bot.Domain.Reminders;

namespace Bot.Commands.Reminders;

/// <summary>The buttons under /settings. Every press saves at once and edits the settings message to show the
/// new state, in the new language if that was the change.</summary>
public sealed class SettingsButtons(SettingsView view, SettingsService service) : ICallbackHandler
{
    public string Route => SettingsView.Route;

    public Access Access => Access.Member;

    public async Task Handle(CallbackContext ctx, CallbackData data, CancellationToken ct)
    {
        var user = ctx.From.Id;
        if (ctx.Message is not { } message || data.ArgumentCount != 2 || !await service.IsMember(user, ct))
        {
            ctx.Answer(ctx.Plain("Callback.Stale"));
            return;
        }

        var settings = await service.Of(user, ct);
        var culture = ctx.Culture;
        switch (data.Token(0), data.Token(1))
        {
            case ("lang", "de" or "en"):
                await service.SetLanguage(user, data.Token(1)!, ct);
                culture = ctx.Texts.CultureFor(data.Token(1));
                break;
            case ("lead", "def"):
                settings = await service.DefaultLeads(user, ct);
                break;
            case ("lead", null) when data.TryGetLong(1, out var minutes) && LeadTimes.Presets.Contains(TimeSpan.FromMinutes(minutes)):
                settings = await service.ToggleLead(user, TimeSpan.FromMinutes(minutes), ct);
                break;
            case ("quiet", "off"):
                settings = await service.SetQuiet(user, QuietHours.None, ct);
                break;
            case ("quiet", "def"):
                settings = await service.SetQuiet(user, null, ct);
                break;
            case ("quiet", null) when data.TryGetLong(1, out var preset) && preset < SettingsView.QuietPresets.Count:
                settings = await service.SetQuiet(user, SettingsView.QuietPresets[(int)preset], ct);
                break;
            default:
                ctx.Answer(ctx.Plain("Callback.Stale"));
                return;
        }

        var (text, keyboard) = view.Render(culture.TwoLetterISOLanguageName, settings, culture);
        ctx.Outbox.Edit(message.Chat.Id, message.MessageId, text, keyboard);
        ctx.Answer(ctx.Texts.Plain("Settings.Saved", culture));
    }
}
