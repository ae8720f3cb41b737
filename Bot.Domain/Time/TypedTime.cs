namespace Bot.Domain.Time;

internal enum Clock12
{
    /// <summary>A 24-hour time: "18:00", "18 Uhr", "18h", or a bare hour in a range.</summary>
    None,
    Am,
    Pm,
}

/// <summary>One time as typed ("18:30", "18 Uhr", "6pm"), not yet checked against the clock's range.</summary>
internal readonly record struct TypedTime(int Hour, int Minute, bool HasMinutes, bool HasUhr, Clock12 Half, Token First, Token Last)
{
    /// <summary>"18" alone: an hour only when the other end of a range shows it is one.</summary>
    public bool IsBareHour => !HasMinutes && !HasUhr && Half == Clock12.None;

    /// <summary>Reads one time at <paramref name="index"/>, with a suffix word after it ("18 Uhr", "6 pm").</summary>
    public static TypedTime? Read(IReadOnlyList<Token> tokens, ref int index)
    {
        var first = tokens[index];
        var key = first.Bare;
        var at = 0;
        var hour = Digits(key, ref at, 2);
        if (hour < 0)
        {
            return null;
        }

        var minute = 0;
        var hasMinutes = false;
        if (at < key.Length && key[at] is ':' or '.')
        {
            at++;
            var start = at;
            minute = Digits(key, ref at, 2);
            if (minute < 0 || at - start != 2)
            {
                return null;
            }

            hasMinutes = true;
        }

        if (!Suffix(key[at..], out var hasUhr, out var half))
        {
            return null;
        }

        var last = first;
        index++;
        if (!hasUhr && half == Clock12.None && index < tokens.Count && Suffix(tokens[index].Bare, out hasUhr, out half) && (hasUhr || half != Clock12.None))
        {
            last = tokens[index];
            index++;
        }

        return new TypedTime(hour, minute, hasMinutes, hasUhr, half, first, last);
    }

    /// <summary>The time of day, or null when there is no such time (25:00, 18:60, 13pm, 0am).</summary>
    public TimeOnly? ToTime(Clock12 half)
    {
        if (Minute > 59)
        {
            return null;
        }

        if (half == Clock12.None)
        {
            return Hour <= 23 ? new TimeOnly(Hour, Minute) : null;
        }

        // 12am is midnight, 12pm noon.
        return Hour is >= 1 and <= 12 ? new TimeOnly((Hour % 12) + (half == Clock12.Pm ? 12 : 0), Minute) : null;
    }

    /// <summary>Minutes since midnight read with <paramref name="half"/>, whether or not that time exists.</summary>
    public int MinutesWith(Clock12 half) =>
        (half switch
        {
            Clock12.Am => Hour % 12,
            Clock12.Pm => (Hour % 12) + 12,
            _ => Hour,
        } * 60) + Minute;

    private static int Digits(string text, ref int at, int most)
    {
        var value = 0;
        var start = at;
        while (at < text.Length && char.IsAsciiDigit(text[at]))
        {
            if (at - start == most)
            {
                return -1;
            }

            value = (value * 10) + (text[at] - '0');
            at++;
        }

        return at == start ? -1 : value;
    }

    private static bool Suffix(string text, out bool hasUhr, out Clock12 half)
    {
        hasUhr = text is "uhr" or "h";
        half = text switch
        {
            "am" or "a.m" or "a.m." => Clock12.Am,
            "pm" or "p.m" or "p.m." => Clock12.Pm,
            _ => Clock12.None,
        };
        return text.Length == 0 || hasUhr || half != Clock12.None;
    }
}
