using System.Globalization;

namespace Bot.Texts;

/// <summary>The one way text is made shorter, for quoting it back or storing it in a column of fixed length: cut only
/// between whole characters as a person sees them (grapheme clusters: a flag, a family of emoji joined by ZWJ, a letter
/// with its accent, an emoji with its skin tone). A cut by UTF-16 index left half an emoji, which PostgreSQL refuses to
/// store (the whole update failed and the person got an apology) and which SQLite stored and sent as a broken
/// character; a cut inside a cluster showed another symbol than the one typed (🇩 for 🇩🇪, 👨 for 👨‍👩‍👧).</summary>
public static class TextCut
{
    public const string Ellipsis = "…";

    /// <summary>How much of what was typed a reply quotes back.</summary>
    public const int MaxQuote = 40;

    /// <summary>The text as it is when it has at most <paramref name="max"/> UTF-16 units; else its longest beginning of
    /// whole characters that leaves room for the <paramref name="ellipsis"/>, followed by it: at most
    /// <paramref name="max"/> units, the ellipsis included.</summary>
    public static string Shorten(string text, int max, string ellipsis = Ellipsis)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(ellipsis);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, ellipsis.Length);
        return text.Length <= max ? text : string.Concat(text.AsSpan(0, Fitting(text, max - ellipsis.Length)), ellipsis);
    }

    /// <summary>The text as it is when it has at most <paramref name="max"/> UTF-16 units; else its longest beginning of
    /// whole characters that fits, with no ellipsis: for a stored value that must fit its column.</summary>
    public static string Fit(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        return text.Length <= max ? text : text[..Fitting(text, max)];
    }

    /// <summary>What a person typed, quoted back in a reply: on one line, and at most
    /// <see cref="MaxQuote"/> characters of it before the "…".</summary>
    public static string Quote(string? typed) =>
        Shorten(string.Join(' ', (typed ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), MaxQuote + Ellipsis.Length);

    /// <summary>How many units of <paramref name="text"/> fit in <paramref name="max"/>: all of it when it is no longer;
    /// else the most that end between two grapheme clusters. When not even the first cluster fits (an absurd chain of
    /// joined emoji), the most that end between two code points instead, so that something is kept and no surrogate
    /// pair is split.</summary>
    public static int Fitting(ReadOnlySpan<char> text, int max)
    {
        if (text.Length <= max)
        {
            return text.Length;
        }

        var end = 0;
        while (end < text.Length)
        {
            var next = end + StringInfo.GetNextTextElementLength(text[end..]);
            if (next > max)
            {
                break;
            }

            end = next;
        }

        if (end > 0 || max == 0)
        {
            return end;
        }

        return char.IsLowSurrogate(text[max]) && char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
    }
}
