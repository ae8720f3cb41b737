using System.Globalization;
using System.Resources;
using Bot.Telegram.Rendering;
using Microsoft.Extensions.Options;

namespace Bot.Texts;

/// <summary>Every text users read, from the resource files in this folder, one per feature (English in
/// <c>X.resx</c>, German in <c>X.de.resx</c>); a key lives in exactly one file. A text is trusted markup with
/// numbered holes; whatever fills a hole is escaped unless it is already <see cref="Html"/>.</summary>
public sealed class TextCatalog(IOptions<BotOptions> options)
{
    private static readonly Dictionary<string, ResourceManager> ByKey = Load();

    public static CultureInfo German { get; } = CultureInfo.GetCultureInfo("de");
    public static CultureInfo English { get; } = CultureInfo.GetCultureInfo("en");

    public static IReadOnlyList<CultureInfo> Languages { get; } = [German, English];

    /// <summary>The language a user reads: German or English by Telegram's language_code, else the default.</summary>
    public CultureInfo CultureFor(string? languageCode)
    {
        if (languageCode is not null)
        {
            if (languageCode.StartsWith("de", StringComparison.OrdinalIgnoreCase))
            {
                return German;
            }

            if (languageCode.StartsWith("en", StringComparison.OrdinalIgnoreCase))
            {
                return English;
            }
        }

        return options.Value.DefaultLanguage == "en" ? English : German;
    }

    /// <summary>A text as HTML, its holes filled with escaped arguments.</summary>
    public Html Html(string key, CultureInfo culture, params object?[] args)
    {
        var template = Template(key, culture);
        if (args.Length == 0)
        {
            return Telegram.Rendering.Html.Raw(template);
        }

        var escaped = args.Select(a => a switch
        {
            Html html => html.Value,
            null => string.Empty,
            IFormattable f => Telegram.Rendering.Html.Escape(f.ToString(null, culture)),
            _ => Telegram.Rendering.Html.Escape(a.ToString() ?? string.Empty),
        }).ToArray<object?>();
        return Telegram.Rendering.Html.Raw(string.Format(culture, template, escaped));
    }

    /// <summary>A text without markup, for places Telegram shows as plain text: buttons, callback answers,
    /// command descriptions.</summary>
    public string Plain(string key, CultureInfo culture, params object?[] args) =>
        args.Length == 0 ? Template(key, culture) : string.Format(culture, Template(key, culture), args);

    public static bool Exists(string key) => ByKey.ContainsKey(key);

    /// <summary>The key of a text that counts something: <c>key_one</c> for exactly one, <c>key_other</c> for any
    /// other number, zero included ("1 Gast", "0 Gäste", "2 Gäste"). German and English both take the singular for
    /// one only, so these two of CLDR's plural forms are all either language needs; each form words its own case
    /// ("mit 2 Gästen").</summary>
    public static string Counted(string key, long count) => count == 1 ? $"{key}_one" : $"{key}_other";

    /// <summary>The resource files behind the catalog, by base name (for tests).</summary>
    public static IReadOnlyList<ResourceManager> Files { get; } = ByKey.Values.Distinct().ToList();

    private static string Template(string key, CultureInfo culture) =>
        (ByKey.TryGetValue(key, out var file) ? file.GetString(key, culture) : null)
        ?? throw new KeyNotFoundException($"No text '{key}' in the resources.");

    private static Dictionary<string, ResourceManager> Load()
    {
        const string prefix = "Bot.Texts.";
        var assembly = typeof(TextCatalog).Assembly;
        var byKey = new Dictionary<string, ResourceManager>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".resources", StringComparison.Ordinal)))
        {
            var file = new ResourceManager(name[..^".resources".Length], assembly);
            foreach (var entry in file.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!.Cast<System.Collections.DictionaryEntry>())
            {
                if (!byKey.TryAdd((string)entry.Key, file))
                {
                    throw new InvalidOperationException($"The text '{entry.Key}' is defined in two resource files.");
                }
            }
        }

        return byKey;
    }
}
