using System.Text;
using Bot.Texts;

namespace Bot.Telegram.Rendering;

/// <summary>Splits Telegram-HTML into messages Telegram accepts: at most <c>limit</c> visible UTF-16 units each,
/// each one valid HTML on its own.</summary>
public static class TextSplitter
{
    public const int MessageLimit = 4096;

    /// <summary>Cuts after whole lines where it can, else after the last space, else hard at the limit; never
    /// inside a tag, an entity or a surrogate pair, and a hard cut never inside a grapheme cluster (a flag, an emoji
    /// with its skin tone, a letter with its accent) that fits in a part. Tags open at a cut are closed before it and reopened after
    /// it. The newlines at a cut are dropped; no other visible text is. A text that fits comes back as it is; one
    /// with nothing to show gives no parts.</summary>
    public static IReadOnlyList<string> Split(string html, int limit = MessageLimit)
    {
        ArgumentNullException.ThrowIfNull(html);
        // Two, so that a surrogate pair always fits and every part makes progress.
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 2);

        var pieces = HtmlReader.Read(html);
        var characters = pieces.Where(piece => piece.Kind == HtmlPieceKind.Character).ToList();
        var visible = characters.Aggregate(new StringBuilder(html.Length), (text, piece) => text.Append(piece.Text)).ToString();

        if (visible.Length <= limit) return visible.Trim('\n').Length == 0 ? [] : [html];

        // Where each visible unit starts, so a cut can only land between whole characters.
        var firstUnit = new int[characters.Count + 1];
        for (var i = 0; i < characters.Count; i++) firstUnit[i + 1] = firstUnit[i] + characters[i].Text.Length;

        var ranges = ChooseRanges(visible, limit, unit => Array.BinarySearch(firstUnit, unit) >= 0);
        return Render(html, pieces, firstUnit, ranges);
    }

    private static List<Range> ChooseRanges(string visible, int limit, Func<int, bool> isCharacterBoundary)
    {
        var ranges = new List<Range>();
        var start = 0;
        while (true)
        {
            while (start < visible.Length && visible[start] == '\n') start++;
            if (start == visible.Length) return ranges;

            if (visible.Length - start <= limit)
            {
                ranges.Add(new Range(start, visible.Length - TrailingNewlines(visible, start, visible.Length)));
                return ranges;
            }

            // The newline right after a full part can be the cut too: it is dropped, not counted.
            var newline = visible.LastIndexOf('\n', start + limit, limit);
            if (newline > start)
            {
                ranges.Add(new Range(start, newline - TrailingNewlines(visible, start, newline)));
                start = newline + 1;
                continue;
            }

            // A hard cut falls between two whole characters as people see them (TextCut), so a flag or a letter with its
            // accent is never shown in halves in two messages.
            var end = AfterLastSpace(visible, start, limit) ?? start + TextCut.Fitting(visible.AsSpan(start), limit);
            while (!isCharacterBoundary(end)) end--;
            ranges.Add(new Range(start, end));
            start = end;
        }
    }

    private static int TrailingNewlines(string visible, int start, int end)
    {
        var count = 0;
        while (end - count > start && visible[end - count - 1] == '\n') count++;
        return count;
    }

    private static int? AfterLastSpace(string visible, int start, int limit)
    {
        var space = visible.LastIndexOf(' ', start + limit - 1, limit);
        // A part of nothing but spaces would be an empty message to Telegram.
        return space >= start && !visible.AsSpan(start, space - start).IsWhiteSpace() ? space + 1 : null;
    }

    private static List<string> Render(string html, List<HtmlPiece> pieces, int[] firstUnit, List<Range> ranges)
    {
        var parts = new List<string>(ranges.Count);
        var open = new List<HtmlPiece>();
        var part = new StringBuilder();
        var rangeIndex = 0;
        var character = 0;
        var inPart = false;

        foreach (var piece in pieces)
        {
            if (rangeIndex == ranges.Count) break;
            var range = ranges[rangeIndex];

            if (piece.Kind != HtmlPieceKind.Character)
            {
                // Tags between two parts enclose no visible text; only their effect on what is open matters.
                Track(open, piece);
                if (inPart) part.Append(html, piece.Start, piece.Length);
                continue;
            }

            var unit = firstUnit[character++];
            if (unit == range.Start.Value)
            {
                foreach (var tag in open) part.Append(html, tag.Start, tag.Length);
                inPart = true;
            }
            if (!inPart) continue;

            part.Append(html, piece.Start, piece.Length);
            if (unit + piece.Text.Length == range.End.Value)
            {
                for (var i = open.Count - 1; i >= 0; i--) part.Append("</").Append(open[i].TagName).Append('>');
                parts.Add(part.ToString());
                part.Clear();
                inPart = false;
                rangeIndex++;
            }
        }
        return parts;
    }

    private static void Track(List<HtmlPiece> open, HtmlPiece tag)
    {
        if (tag.Kind == HtmlPieceKind.OpenTag)
        {
            open.Add(tag);
            return;
        }
        if (tag.Kind != HtmlPieceKind.CloseTag) return;

        var opened = open.FindLastIndex(candidate => candidate.TagName == tag.TagName);
        if (opened >= 0) open.RemoveRange(opened, open.Count - opened);
    }
}
