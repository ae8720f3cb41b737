using System.Globalization;
using System.Text;

namespace Bot.Tests.Fakes;

/// <summary>A formatting entity as Telegram reports it (MessageEntity); offsets and lengths in UTF-16 code units.</summary>
public sealed record TextEntity(string Type, int Offset, int Length)
{
    public string? Url { get; init; }
    public string? Language { get; init; }
    public string? CustomEmojiId { get; init; }
}

/// <summary>The visible text and entities of an HTML message, or why Telegram would refuse it.</summary>
public sealed record TelegramHtmlResult(string Text, IReadOnlyList<TextEntity> Entities, string? Error)
{
    public bool IsValid => Error is null;
}

/// <summary>Reads text in Telegram's HTML parse mode the way the Bot API does, to check what a user would see.
/// Stricter than Telegram's server, which lets some stray characters through: the documentation demands that
/// every &lt;, &gt; and &amp; outside a tag be escaped, and the bot must not lean on leniency it was not promised.
/// Nesting that Telegram resolves by dropping formatting (bold inside code, say) is accepted, as Telegram does.</summary>
public static class TelegramHtml
{
    private static readonly Dictionary<string, string> SimpleTags = new(StringComparer.Ordinal)
    {
        ["b"] = "bold",
        ["strong"] = "bold",
        ["i"] = "italic",
        ["em"] = "italic",
        ["u"] = "underline",
        ["ins"] = "underline",
        ["s"] = "strikethrough",
        ["strike"] = "strikethrough",
        ["del"] = "strikethrough",
        ["tg-spoiler"] = "spoiler",
        ["pre"] = "pre",
    };

    /// <summary>What a user sees; throws <see cref="FormatException"/> with Telegram's reason when the text would be refused.</summary>
    public static string VisibleText(string html)
    {
        var result = Parse(html);
        return result.IsValid ? result.Text : throw new FormatException(result.Error);
    }

    public static TelegramHtmlResult Parse(string html)
    {
        var parser = new Parser(html);
        var error = parser.Run();
        return error is null
            ? new TelegramHtmlResult(parser.Text.ToString(), parser.SortedEntities(), null)
            : new TelegramHtmlResult("", [], error);
    }

    private sealed class Parser(string html)
    {
        private readonly Stack<OpenTag> open = new();
        private readonly List<TextEntity> entities = [];
        private int position;

        public StringBuilder Text { get; } = new();

        public string? Run()
        {
            while (position < html.Length)
            {
                var error = html[position] switch
                {
                    '<' when At("</") => EndTag(),
                    '<' => StartTag(),
                    '&' => Entity(),
                    '>' => $"Character '>' at byte offset {ByteOffset(position)} must be escaped as &gt;",
                    _ => Character(),
                };
                if (error is not null)
                {
                    return error;
                }
            }

            return open.TryPeek(out var unclosed)
                ? $"Can't find end tag corresponding to start tag \"{unclosed.Name}\""
                : null;
        }

        public IReadOnlyList<TextEntity> SortedEntities() =>
            entities.OrderBy(e => e.Offset).ThenByDescending(e => e.Length).ToArray();

        private string? Character()
        {
            Text.Append(html[position]);
            position++;
            return null;
        }

        private string? StartTag()
        {
            var start = position;
            position++;
            var name = ReadName();
            if (name.Length == 0)
            {
                return $"Character '<' at byte offset {ByteOffset(start)} does not start a tag and must be escaped as &lt;";
            }

            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            while (true)
            {
                SkipWhitespace();
                if (position >= html.Length)
                {
                    return $"Unclosed start tag at byte offset {ByteOffset(start)}";
                }

                if (html[position] == '>')
                {
                    position++;
                    break;
                }

                var attribute = ReadName();
                if (attribute.Length == 0)
                {
                    return $"Unexpected character in the tag at byte offset {ByteOffset(start)}";
                }

                SkipWhitespace();
                var value = "";
                if (position < html.Length && html[position] == '=')
                {
                    position++;
                    SkipWhitespace();
                    if (ReadAttributeValue() is not { } read)
                    {
                        return $"Unclosed start tag at byte offset {ByteOffset(start)}";
                    }

                    value = read;
                }

                attributes.TryAdd(attribute, value);
            }

            return Open(name, attributes, start);
        }

        private string? Open(string name, Dictionary<string, string> attributes, int start)
        {
            TextEntity? entity;
            if (SimpleTags.TryGetValue(name, out var type))
            {
                entity = new TextEntity(type, 0, 0);
            }
            else
            {
                switch (name)
                {
                    case "span":
                        if (attributes.GetValueOrDefault("class") != "tg-spoiler")
                        {
                            return $"Tag \"span\" must have class \"tg-spoiler\" at byte offset {ByteOffset(start)}";
                        }

                        entity = new TextEntity("spoiler", 0, 0);
                        break;
                    case "a":
                        // Telegram makes no link of an anchor without an address, and does not refuse the text either.
                        entity = attributes.TryGetValue("href", out var href) && href.Length > 0
                            ? new TextEntity("text_link", 0, 0) { Url = href }
                            : null;
                        break;
                    case "code":
                        var language = attributes.GetValueOrDefault("class");
                        entity = new TextEntity("code", 0, 0)
                        {
                            Language = language is not null && language.StartsWith("language-", StringComparison.Ordinal) ? language["language-".Length..] : null,
                        };
                        break;
                    case "blockquote":
                        entity = new TextEntity(attributes.ContainsKey("expandable") ? "expandable_blockquote" : "blockquote", 0, 0);
                        break;
                    case "tg-emoji":
                        if (!attributes.TryGetValue("emoji-id", out var emojiId) || emojiId.Length == 0 || !emojiId.All(char.IsAsciiDigit))
                        {
                            return $"Tag \"tg-emoji\" must have a numeric \"emoji-id\" at byte offset {ByteOffset(start)}";
                        }

                        entity = new TextEntity("custom_emoji", 0, 0) { CustomEmojiId = emojiId };
                        break;
                    default:
                        return $"Unsupported start tag \"{name}\" at byte offset {ByteOffset(start)}";
                }
            }

            open.Push(new OpenTag(name, Text.Length, entity));
            return null;
        }

        private string? EndTag()
        {
            var start = position;
            position += 2;
            var name = ReadName();
            SkipWhitespace();
            if (position >= html.Length || html[position] != '>')
            {
                return $"Can't find end of end tag at byte offset {ByteOffset(start)}";
            }

            position++;
            if (!open.TryPeek(out var top))
            {
                return $"Unexpected end tag at byte offset {ByteOffset(start)}";
            }

            if (top.Name != name)
            {
                return $"Unmatched end tag at byte offset {ByteOffset(start)}, expected \"</{top.Name}>\", found \"</{name}>\"";
            }

            open.Pop();
            var length = Text.Length - top.TextStart;
            // Telegram keeps no empty entities.
            if (top.Entity is not null && length > 0)
            {
                entities.Add(top.Entity with { Offset = top.TextStart, Length = length });
            }

            return null;
        }

        private string? Entity()
        {
            var start = position;
            var decoded = DecodeEntity();
            if (decoded is null)
            {
                return $"Character '&' at byte offset {ByteOffset(start)} does not start an HTML entity (&lt; &gt; &amp; &quot; &#NN; &#xNN;) and must be escaped as &amp;";
            }

            Text.Append(decoded);
            return null;
        }

        // Returns the decoded text and moves past the entity, or null and stays put.
        private string? DecodeEntity()
        {
            var semicolon = html.IndexOf(';', position);
            if (semicolon < 0 || semicolon - position > 12)
            {
                return null;
            }

            var body = html[(position + 1)..semicolon];
            string? decoded = body switch
            {
                "lt" => "<",
                "gt" => ">",
                "amp" => "&",
                "quot" => "\"",
                _ when body.StartsWith("#x", StringComparison.OrdinalIgnoreCase) => CodePoint(body[2..], NumberStyles.AllowHexSpecifier),
                _ when body.StartsWith('#') => CodePoint(body[1..], NumberStyles.None),
                _ => null,
            };
            if (decoded is not null)
            {
                position = semicolon + 1;
            }

            return decoded;
        }

        private static string? CodePoint(string digits, NumberStyles style) =>
            digits.Length > 0
            && int.TryParse(digits, style, CultureInfo.InvariantCulture, out var value)
            && value is > 0 and <= 0x10FFFF
            && value is not (>= 0xD800 and <= 0xDFFF)
                ? char.ConvertFromUtf32(value)
                : null;

        private string? ReadAttributeValue()
        {
            if (position >= html.Length)
            {
                return null;
            }

            var quote = html[position];
            var value = new StringBuilder();
            if (quote is '"' or '\'')
            {
                position++;
                while (position < html.Length && html[position] != quote)
                {
                    AppendAttributeCharacter(value);
                }

                if (position >= html.Length)
                {
                    return null;
                }

                position++;
                return value.ToString();
            }

            while (position < html.Length && !char.IsWhiteSpace(html[position]) && html[position] != '>')
            {
                AppendAttributeCharacter(value);
            }

            return value.ToString();
        }

        // Inside a tag an '&' that starts no entity is kept as it is, as Telegram does with query strings in links.
        private void AppendAttributeCharacter(StringBuilder value)
        {
            if (html[position] == '&' && DecodeEntity() is { } decoded)
            {
                value.Append(decoded);
                return;
            }

            value.Append(html[position]);
            position++;
        }

        private string ReadName()
        {
            var start = position;
            while (position < html.Length && (char.IsAsciiLetterOrDigit(html[position]) || html[position] is '-' or '_'))
            {
                position++;
            }

            return html[start..position].ToLowerInvariant();
        }

        private void SkipWhitespace()
        {
            while (position < html.Length && char.IsWhiteSpace(html[position]))
            {
                position++;
            }
        }

        private bool At(string text) => string.CompareOrdinal(html, position, text, 0, text.Length) == 0;

        // Telegram reports positions in UTF-8 bytes.
        private int ByteOffset(int index) => Encoding.UTF8.GetByteCount(html.AsSpan(0, index));

        private sealed record OpenTag(string Name, int TextStart, TextEntity? Entity);
    }
}
