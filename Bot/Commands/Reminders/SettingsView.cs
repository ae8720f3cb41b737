using System.Globalization;
using Bot.Commands.Callbacks;
using Bot.Domain.Reminders;
using Bot.Telegram.Api;
using Bot.Telegram.Rendering;
using Bot.Texts;
using Humanizer;
using Humanizer.Configuration;
using Humanizer.Localisation;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Reminders;

/// <summary>The /settings message: what applies now, and a button for every choice. Ticked lead times are
/// marked ✔; pressing one toggles it.</summary>
public sealed class SettingsView(TextCatalog texts, ReminderDefaults defaults)
{
    public const string Route = "set";

    private static readonly (TimeUnit Unit, TimeSpan Size)[] WholeUnits =
        [(TimeUnit.Week, TimeSpan.FromDays(7)), (TimeUnit.Day, TimeSpan.FromDays(1)), (TimeUnit.Hour, TimeSpan.FromHours(1))];

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
            [Subscriptions.TopicButtons.Open(texts.Plain("Subscriptions.Settings.Button", culture))],
        ]);
        return (text, keyboard);
    }

    /// <summary>"1 Woche, 1 Tag und 2 Stunden" / "1 week, 1 day, and 2 hours", longest first: one reminder per lead
    /// time, listed the way the language lists things.</summary>
    public static string Describe(IReadOnlyList<TimeSpan> leads, CultureInfo culture) =>
        Configurator.CollectionFormatters.ResolveForCulture(culture).Humanize(leads.OrderDescending(), l => Lead(l, culture));

    // Each lead time is one quantity in the largest unit that holds it whole ("30 Stunden", not "1 Tag, 6 Stunden"),
    // so the commas and "und" of the list only ever separate reminders.
    private static string Lead(TimeSpan lead, CultureInfo culture)
    {
        var unit = WholeUnits.Where(u => lead.Ticks % u.Size.Ticks == 0).Select(u => u.Unit).FirstOrDefault(TimeUnit.Minute);
        return lead.Humanize(culture: culture, maxUnit: unit, minUnit: unit);
    }

    private static string Span(QuietHours quiet) => quiet.ToString().Replace("-", "–", StringComparison.Ordinal);

    private static InlineKeyboardButton Button(string label, string action, object value) =>
        new(label) { CallbackData = CallbackCodec.Encode(CallbackData.Of(Route, action, value)) };
}
