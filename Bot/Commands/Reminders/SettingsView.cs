using System.Globalization;
using Bot.Commands.Callbacks;
using Bot.Domain.Reminders;
using Bot.Telegram.Api;
using Bot.Telegram.Rendering;
using Bot.Texts;
using Humanizer;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Reminders;

/// <summary>The /settings message: what applies now, and a button for every choice. Ticked lead times are
/// marked ✔; pressing one toggles it.</summary>
public sealed class SettingsView(TextCatalog texts, ReminderDefaults defaults)
{
    public const string Route = "set";

    public static IReadOnlyList<QuietHours> QuietPresets { get; } =
        [new(new TimeOnly(22, 0), new TimeOnly(8, 0)), new(new TimeOnly(21, 0), new TimeOnly(7, 0))];

    public (Html Text, InlineKeyboardMarkup Keyboard) Render(string language, MemberSettings? settings, CultureInfo culture)
    {
        var leads = defaults.LeadsOf(settings?.LeadTimes);
        var quiet = defaults.QuietOf(settings?.QuietHours);
        var leadsDefault = settings?.LeadTimes is null ? texts.Plain("Settings.Default", culture) : "";
        var quietDefault = settings?.QuietHours is null ? texts.Plain("Settings.Default", culture) : "";
        var text = Html.Join("\n",
        [
            texts.Html("Settings.Header", culture),
            texts.Html("Settings.Language", culture, texts.Plain($"Settings.Language.{language}", culture)),
            leads.Count == 0
                ? texts.Html("Settings.Leads.None", culture)
                : texts.Html("Settings.Leads", culture, texts.Plain("Settings.Before", culture, Describe(leads, culture)) + leadsDefault),
            quiet.IsNone
                ? Html.Format($"{texts.Html("Settings.Quiet.None", culture)}{quietDefault}")
                : texts.Html("Settings.Quiet", culture, Span(quiet) + quietDefault),
            Html.Text(""),
            texts.Html("Settings.Footer", culture),
        ]);

        var leadButtons = LeadTimes.Presets
            .Select(l => Button((leads.Contains(l) ? "✔ " : "") + Lead(l, culture), "lead", (int)l.TotalMinutes))
            .ToList();
        var keyboard = new InlineKeyboardMarkup(
        [
            [Button(texts.Plain("Settings.Language.de", culture), "lang", "de"), Button(texts.Plain("Settings.Language.en", culture), "lang", "en")],
            leadButtons[..2],
            leadButtons[2..],
            [Button(texts.Plain("Settings.Button.Default", culture) + " ⏰", "lead", "def")],
            [.. QuietPresets.Select((q, i) => Button((q == quiet ? "✔ " : "") + "🌙 " + Span(q), "quiet", i)),
                Button((quiet.IsNone ? "✔ " : "") + texts.Plain("Settings.Button.Quiet.None", culture), "quiet", "off")],
            [Button(texts.Plain("Settings.Button.Default", culture) + " 🌙", "quiet", "def")],
        ]);
        return (text, keyboard);
    }

    /// <summary>"1 day and 2 hours", longest first.</summary>
    public string Describe(IReadOnlyList<TimeSpan> leads, CultureInfo culture) =>
        string.Join(texts.Plain("Settings.And", culture), leads.OrderDescending().Select(l => Lead(l, culture)));

    private string Lead(TimeSpan lead, CultureInfo culture) =>
        TextCatalog.Exists($"Lead.{(int)lead.TotalMinutes}")
            ? texts.Plain($"Lead.{(int)lead.TotalMinutes}", culture)
            : lead.Humanize(precision: 2, culture: culture);

    private static string Span(QuietHours quiet) => quiet.ToString().Replace("-", "–", StringComparison.Ordinal);

    private static InlineKeyboardButton Button(string label, string action, object value) =>
        new(label) { CallbackData = CallbackCodec.Encode(CallbackData.Of(Route, action, value)) };
}
