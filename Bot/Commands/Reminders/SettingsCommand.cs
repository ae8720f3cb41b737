using Bot.Domain.Chapters;
using Bot.Domain.Reminders;

namespace Bot.Commands.Reminders;

/// <summary>/settings: language, reminder lead times and quiet hours, changed by buttons; quiet hours can also be
/// typed (<c>/settings 23:00-07:00</c>, <c>/settings none</c>).</summary>
public sealed class SettingsCommand(SettingsView view, SettingsService service) : IBotCommand
{
    public string Name => "settings";

    public Access Access => Access.Member;

    public ChatKinds Chats => ChatKinds.Private;

    public async Task Run(ChatContext ctx, CancellationToken ct)
    {
        var settings = await service.Of(ctx.From.Id, ct);
        if (ctx.Args.Length > 0)
        {
            var typed = ctx.Args.Trim().ToLowerInvariant() is "none" or "keine" or "aus" or "off" ? "" : ctx.Args;
            if (ctx.Args.Length > 20 || !QuietHours.TryParse(typed, out var quiet))
            {
                ctx.Say("Settings.BadQuiet");
                return;
            }

            settings = await service.SetQuiet(ctx.From.Id, quiet, ct);
            ctx.Reply(quiet.IsNone ? ctx.T("Settings.QuietOff") : ctx.T("Settings.QuietSaved", quiet.ToString()));
        }

        var (text, keyboard) = view.Render(ctx.Culture.TwoLetterISOLanguageName, settings, ctx.Culture);
        ctx.Reply(text, keyboard);
    }
}
