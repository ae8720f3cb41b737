using System.Text.Json;
using System.Text.RegularExpressions;
using Bot.Telegram.Api;
using Bot.Telegram.Outbox;
using Bot.Telegram.Rendering;
using Telegram.Bot.Types.ReplyMarkups;
using Telegram.Bot;

namespace Bot.Telegram;

/// <summary>The ways a stored message can name a person (their display names, @username, user id) and how to
/// blank them out of outbox rows meant for other people, e.g. a member list sent to an organizer. Each form is
/// matched as a whole word only where it is the text people read: in HTML, text and attribute values, never the
/// tags themselves, so the markup stays valid. Names shorter than two characters are too common to tell apart
/// and are left alone.</summary>
internal sealed partial class PersonMentions
{
    /// <summary>What stands where the person was named.</summary>
    public const string Redacted = "[…]";

    private const int MinNameLength = 2;
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private readonly Regex plain;
    private readonly Regex html;
    private readonly Regex json;

    private PersonMentions(long userId, IReadOnlyList<string> names, IReadOnlyList<string> usernames)
    {
        var id = userId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        plain = Pattern(names, usernames, id);
        html = Pattern(names.Select(Html.Escape), usernames, id);
        json = Pattern(names.Select(n => JsonEncodedText.Encode(n).Value), usernames, id);
        ExactTerms = names.Concat(names.Select(Html.Escape)).Concat(names.Select(n => JsonEncodedText.Encode(n).Value)).Distinct().ToList();
        AsciiTerms = usernames.Select(u => u.ToLowerInvariant()).Append(id).Distinct().ToList();
    }

    /// <summary>Text to look for, as it is, to find rows that may name the person.</summary>
    public IReadOnlyList<string> ExactTerms { get; }

    /// <summary>Lower-case ASCII text to look for in lower-cased rows (usernames ignore case).</summary>
    public IReadOnlyList<string> AsciiTerms { get; }

    public static PersonMentions For(long userId, IEnumerable<string?> displayNames, IEnumerable<string?> usernames) =>
        new(
            userId,
            displayNames.Select(n => n?.Trim()).OfType<string>().Where(n => n.Length >= MinNameLength).Distinct(StringComparer.Ordinal).ToList(),
            usernames.Select(u => u?.Trim().TrimStart('@')).OfType<string>().Where(u => u.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList());

    /// <summary>Blanks the person out of a row; true when anything changed.</summary>
    public bool Scrub(OutboxMessage row)
    {
        var text = row.Kind switch
        {
            OutboxKind.SendMessage or OutboxKind.EditMessageText => InHtml(row.Text),
            OutboxKind.AnswerCallbackQuery => InPlain(row.Text),
            OutboxKind.SendDocument => InDocument(row.Text),
            _ => row.Text, // a command menu or nothing: no one is named there
        };
        var caption = InHtml(row.Caption);
        var keyboard = InKeyboard(row.ReplyMarkup);
        var changed = text != row.Text || caption != row.Caption || keyboard != row.ReplyMarkup;
        (row.Text, row.Caption, row.ReplyMarkup) = (text, caption, keyboard);
        return changed;
    }

    /// <summary>Whether the row names the person (without changing it).</summary>
    public bool Names(OutboxMessage row)
    {
        var copy = new OutboxMessage { Kind = row.Kind, Text = row.Text, Caption = row.Caption, ReplyMarkup = row.ReplyMarkup };
        return Scrub(copy);
    }

    public string? InPlain(string? text) => text is null ? null : plain.Replace(text, Redacted);

    /// <summary>Telegram HTML: the person goes from the text and from attribute values (a link to their
    /// profile), tags stay as they are. Only tags can contain '&lt;' here: every piece of user text is escaped.</summary>
    public string? InHtml(string? markup)
    {
        if (markup is null)
        {
            return null;
        }

        var result = new System.Text.StringBuilder(markup.Length);
        var last = 0;
        foreach (Match tag in Tag().Matches(markup))
        {
            result.Append(html.Replace(markup[last..tag.Index], Redacted));
            result.Append(AttributeValue().Replace(tag.Value, v => html.Replace(v.Value, Redacted)));
            last = tag.Index + tag.Length;
        }

        return result.Append(html.Replace(markup[last..], Redacted)).ToString();
    }

    private string? InDocument(string? content) => content is null ? null : json.Replace(plain.Replace(content, Redacted), Redacted);

    private string? InKeyboard(string? markup)
    {
        if (markup is null || JsonSerializer.Deserialize<InlineKeyboardMarkup>(markup, JsonBotAPI.Options) is not { } keyboard)
        {
            return markup;
        }

        var before = JsonSerializer.Serialize(keyboard, JsonBotAPI.Options);
        foreach (var button in keyboard.InlineKeyboard.SelectMany(row => row))
        {
            button.Text = InPlain(button.Text)!;
            button.Url = InPlain(button.Url);
        }

        var scrubbed = JsonSerializer.Serialize(keyboard, JsonBotAPI.Options);
        return scrubbed == before ? markup : scrubbed;
    }

    /// <summary>Any of the names or usernames as a whole word, or the id as a whole number.</summary>
    private static Regex Pattern(IEnumerable<string> names, IReadOnlyList<string> usernames, string id)
    {
        var words = names.OrderByDescending(n => n.Length).Select(Regex.Escape)
            .Concat(usernames.Select(u => "@?(?i:" + Regex.Escape(u) + ")"))
            .ToList();
        var number = $@"(?<!\d){id}(?!\d)";
        var pattern = words.Count == 0 ? number : $@"(?<![\p{{L}}\p{{N}}_])(?:{string.Join('|', words)})(?![\p{{L}}\p{{N}}_])|{number}";
        return new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
    }

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    [GeneratedRegex("\"[^\"]*\"|'[^']*'", RegexOptions.CultureInvariant)]
    private static partial Regex AttributeValue();
}
