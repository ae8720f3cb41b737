using System.Text;

namespace Bot.Domain.Time;

/// <summary>A word of the input: where it stands (so errors quote it as typed) and its lower-case form.</summary>
internal readonly record struct Token(int Start, int Length, string Key)
{
    public int End => Start + Length;

    /// <summary>The key without one trailing dot: "Di." is "di", "18 Uhr." is "uhr".</summary>
    public string Bare => Key.Length > 1 && Key[^1] == '.' ? Key[..^1] : Key;

    public bool IsDash => Key == "-";
}

/// <summary>The trimmed input and its words. Commas and whitespace separate words and mean nothing else.</summary>
internal sealed class Input
{
    private Input(string text, IReadOnlyList<Token> tokens)
    {
        Text = text;
        Tokens = tokens;
    }

    public string Text { get; }

    public IReadOnlyList<Token> Tokens { get; }

    public static WhenResult<Input> Read(string? raw, WhenExample example)
    {
        var text = raw?.Trim() ?? "";
        if (text.Length == 0)
        {
            return new WhenResult<Input>.Failed(new WhenError(WhenErrorCode.Missing, "", example));
        }

        // Checked before anything else looks at the text: no work grows with what a user can paste.
        if (text.Length > WhenParser.MaxLength)
        {
            return new WhenResult<Input>.Failed(new WhenError(WhenErrorCode.TooLong, "", example));
        }

        text = Composed(text);
        var tokens = new List<Token>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var separator = i == text.Length || char.IsWhiteSpace(text[i]) || text[i] == ',';
            if (separator && start >= 0)
            {
                tokens.Add(new Token(start, i - start, text[start..i].ToLowerInvariant()));
                start = -1;
            }
            else if (!separator && start < 0)
            {
                start = i;
            }
        }

        return tokens.Count == 0
            ? new WhenResult<Input>.Failed(new WhenError(WhenErrorCode.Missing, "", example))
            : new WhenResult<Input>.Parsed(new Input(text, tokens));
    }

    /// <summary>The text from the first to the last of some words, as typed.</summary>
    public string Quote(Token first, Token last) => Text[first.Start..last.End];

    public string Quote(IReadOnlyList<Token> tokens) => tokens.Count == 0 ? "" : Quote(tokens[0], tokens[^1]);

    /// <summary>The same words with dashes split off ("10-13" is "10", "-", "13") and "bis"/"to" read as a dash,
    /// for the time part only: a dash inside a date belongs to the date (2026-11-23).</summary>
    public static List<Token> SplitRanges(IEnumerable<Token> tokens)
    {
        var split = new List<Token>();
        foreach (var token in tokens)
        {
            var from = 0;
            for (var i = 0; i < token.Key.Length; i++)
            {
                if (!Words.IsDash(token.Key[i]))
                {
                    continue;
                }

                if (i > from)
                {
                    split.Add(new Token(token.Start + from, i - from, token.Key[from..i]));
                }

                split.Add(new Token(token.Start + i, 1, "-"));
                from = i + 1;
            }

            if (from < token.Key.Length)
            {
                var rest = token.Key[from..];
                split.Add(new Token(token.Start + from, token.Length - from, Words.RangeWords.Contains(rest) ? "-" : rest));
            }
        }

        return split;
    }

    // A German keyboard sends "ü" as one character, some phones as "u" and a combining mark.
    private static string Composed(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Invalid UTF-16 (a lone surrogate): nothing in it could be a date word anyway.
            return text;
        }
    }
}
