using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bot.Domain.Privacy;
using Bot.Telegram.Rendering;
using Bot.Texts;

namespace Bot.Commands.Privacy;

/// <summary>Asks every <see cref="IPersonalDataHolder"/> for its part, for /mydata and /deleteme alike, so a
/// feature that stores something about people is covered by adding a holder and its description text
/// (<c>Privacy.Section.&lt;section&gt;</c>).</summary>
internal static partial class PersonalDataExport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // A file for people to read: umlauts as they are. It is never embedded in HTML or script.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The sections that hold something about the person, by section name.</summary>
    public static async Task<IReadOnlyList<(string Section, object Data)>> Collect(IEnumerable<IPersonalDataHolder> holders, long userId, CancellationToken ct)
    {
        var found = new List<(string Section, object Data)>();
        foreach (var holder in holders.OrderBy(h => h.Section, StringComparer.Ordinal))
        {
            if (found.Any(f => f.Section == holder.Section))
            {
                throw new InvalidOperationException($"Two personal data holders share the section '{holder.Section}'.");
            }

            if (await holder.Export(userId, ct) is { } data)
            {
                found.Add((holder.Section, data));
            }
        }

        return found;
    }

    /// <summary>The whole export as an indented JSON document: dates in ISO 8601 (UTC), one property per section.</summary>
    public static string Document(long userId, DateTime exportedAt, IEnumerable<(string Section, object Data)> sections)
    {
        var document = new Dictionary<string, object?> { ["exported_at"] = exportedAt, ["user_id"] = userId };
        foreach (var (section, data) in sections)
        {
            document[section] = data;
        }

        return Readable(JsonSerializer.Serialize(document, Json));
    }

    /// <summary>The relaxed encoder still writes characters beyond the first plane (emoji) as escaped surrogate
    /// pairs; the file is for people, so they are written as themselves. An escaped backslash before "u" is text.</summary>
    private static string Readable(string json) =>
        SurrogatePair().Replace(json, m => char.ConvertFromUtf32(char.ConvertToUtf32(
            (char)int.Parse(m.Groups["high"].ValueSpan, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            (char)int.Parse(m.Groups["low"].ValueSpan, NumberStyles.HexNumber, CultureInfo.InvariantCulture))));

    public static string DescriptionKey(string section) => $"Privacy.Section.{section}";

    /// <summary>One bullet line per section, in words the person understands.</summary>
    public static Html SectionList(ChatContext ctx, IEnumerable<(string Section, object Data)> sections) =>
        Html.Join("\n", sections.Select(s => Html.Format($"• {(TextCatalog.Exists(DescriptionKey(s.Section)) ? ctx.T(DescriptionKey(s.Section)) : Html.Text(s.Section))}")));

    /// <summary>A date as people write it: "21. November 2026", "21 November 2026".</summary>
    public static string Date(DateTime utc, TimeZoneInfo zone, CultureInfo culture) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString(culture.TwoLetterISOLanguageName == "de" ? "d. MMMM yyyy" : "d MMMM yyyy", culture);

    [GeneratedRegex(@"(?<=(?:^|[^\\])(?:\\\\)*)\\u(?<high>D[89AB][0-9A-F]{2})\\u(?<low>D[C-F][0-9A-F]{2})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SurrogatePair();
}
