namespace Bot.Telegram.Rendering;

/// <summary>Reads Telegram-HTML the way Telegram does: tags, the four named entities, numeric entities and
/// characters. <see cref="Html.Visible"/> and <see cref="TextSplitter"/> both count through it, so what the
/// splitter measures is what the length check measures.</summary>
internal static class HtmlReader
{
    // "&#x10FFFF;" and "&#1114111;" are the longest entities Telegram decodes.
    private const int LongestEntity = 10;

    public static List<HtmlPiece> Read(string html)
    {
        var pieces = new List<HtmlPiece>(html.Length);
        var i = 0;
        while (i < html.Length)
        {
            var piece = html[i] switch
            {
                '<' => ReadTag(html, i),
                '&' => ReadEntity(html, i),
                _ => null,
            } ?? ReadCharacter(html, i);
            pieces.Add(piece);
            i = piece.End;
        }
        return pieces;
    }

    private static HtmlPiece? ReadTag(string html, int start)
    {
        var quote = '\0';
        var end = start + 1;
        for (; end < html.Length; end++)
        {
            var c = html[end];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
            }
            else if (c is '"' or '\'') quote = c;
            else if (c == '>') break;
        }
        if (end == html.Length) return null;

        var isClose = html[start + 1] == '/';
        var nameStart = isClose ? start + 2 : start + 1;
        var nameEnd = nameStart;
        while (nameEnd < end && !char.IsWhiteSpace(html[nameEnd]) && html[nameEnd] != '/') nameEnd++;
        if (nameEnd == nameStart) return null;

        var name = html[nameStart..nameEnd].ToLowerInvariant();
        var kind = isClose ? HtmlPieceKind.CloseTag
            : html[end - 1] == '/' ? HtmlPieceKind.LoneTag
            : HtmlPieceKind.OpenTag;
        return new HtmlPiece(kind, start, end + 1, name, ReadOnlyMemory<char>.Empty);
    }

    private static HtmlPiece? ReadEntity(string html, int start)
    {
        var semicolon = html.IndexOf(';', start + 1, Math.Min(LongestEntity, html.Length - start - 1));
        if (semicolon < 0) return null;

        var body = html.AsSpan(start + 1, semicolon - start - 1);
        var text = body switch
        {
            "amp" => "&",
            "lt" => "<",
            "gt" => ">",
            "quot" => "\"",
            _ when body.Length > 1 && body[0] == '#' => DecodeNumeric(body[1..]),
            _ => null,
        };
        return text is null ? null : new HtmlPiece(HtmlPieceKind.Character, start, semicolon + 1, string.Empty, text.AsMemory());
    }

    private static string? DecodeNumeric(ReadOnlySpan<char> digits)
    {
        var hex = digits[0] is 'x' or 'X';
        if (hex) digits = digits[1..];
        if (digits.IsEmpty) return null;

        var codePoint = 0;
        foreach (var c in digits)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' when hex => c - 'a' + 10,
                >= 'A' and <= 'F' when hex => c - 'A' + 10,
                _ => -1,
            };
            if (digit < 0) return null;
            codePoint = codePoint * (hex ? 16 : 10) + digit;
            if (codePoint > 0x10FFFF) return null;
        }
        return codePoint == 0 || codePoint is >= 0xD800 and <= 0xDFFF ? null : char.ConvertFromUtf32(codePoint);
    }

    private static HtmlPiece ReadCharacter(string html, int start)
    {
        // A surrogate pair is one piece so that nothing can cut between its halves.
        var length = char.IsHighSurrogate(html[start]) && start + 1 < html.Length && char.IsLowSurrogate(html[start + 1]) ? 2 : 1;
        return new HtmlPiece(HtmlPieceKind.Character, start, start + length, string.Empty, html.AsMemory(start, length));
    }
}

internal enum HtmlPieceKind
{
    Character,
    OpenTag,
    CloseTag,
    /// <summary>A self-closing tag: opens nothing that would need closing.</summary>
    LoneTag,
}

/// <summary>One tag or one visible code point of an HTML text, with its place in the source.</summary>
/// <param name="TagName">Lower-case name for tags, empty for characters.</param>
/// <param name="Text">What a character shows (one or two UTF-16 units), empty for tags.</param>
internal readonly record struct HtmlPiece(HtmlPieceKind Kind, int Start, int End, string TagName, ReadOnlyMemory<char> Text)
{
    /// <summary>Length in the source, which for an entity is longer than what it shows.</summary>
    public int Length => End - Start;
}
