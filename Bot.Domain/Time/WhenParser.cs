using System.Globalization;

namespace Bot.Domain.Time;

/// <summary>Reads the dates and times people type (<c>Sa 23.11. 18 Uhr</c>, <c>morgen 6pm</c>,
/// <c>2026-11-23 10-13</c>) in the chapter's time zone. What it cannot read, and what has already passed, comes
/// back as a <see cref="WhenError"/>, never as an exception.</summary>
/// <remarks>
/// Decisions about what people mean:
/// <list type="bullet">
/// <item>A date without a year is the next one to come (SPEC); today counts. "1.1." typed in December is next
/// year, and so is "23.11." typed on 3 December: every reply and preview shows the year, so nothing is hidden.</item>
/// <item>29.02. without a year is the next 29 February there is (in 2026, that of 2028); the reply shows the
/// year, so nothing is hidden.</item>
/// <item>A weekday alone is the next such day, today included while the typed time is still ahead (or when no
/// time is typed); a weekday typed on that day at a time already gone is next week's. "nächsten Dienstag" /
/// "next Tuesday" is the same, except that it never means today: nobody says "next Tuesday" about today.</item>
/// <item>A weekday with a date must agree with it; if not, neither is guessed to be the right one.</item>
/// <item>A bare hour ("18") is read only as an end of a range ("10-13 Uhr"); alone it could be a day, an hour
/// or 6 in the morning, so it is refused with an example.</item>
/// <item>Nothing in the past is accepted, with or without an explicit year; nothing more than
/// <see cref="MaxYearsAhead"/> years ahead either.</item>
/// <item>Times that do not exist or happen twice because of daylight saving time are settled by
/// <see cref="ChapterClock.Resolve"/>.</item>
/// </list>
/// </remarks>
public static class WhenParser
{
    /// <summary>Longer input is refused before it is read.</summary>
    public const int MaxLength = 100;

    public const int MaxYearsAhead = 10;

    /// <summary>A date with a time or time range as <paramref name="form"/> asks: the one-line forms of
    /// <c>/newevent</c>, <c>/newshift</c>, <c>/notice</c> and <c>deadline=</c>.</summary>
    public static WhenResult<When> Parse(string? text, ChapterClock clock, WhenForm form = WhenForm.DateWithOptionalTime)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var example = form == WhenForm.DateAndTimeRange ? WhenExample.DateAndTimeRange : WhenExample.DateAndTime;
        return Input.Read(text, example).Then(input =>
            ReadDateOrSayMissing(input, example).Then(date =>
                ReadTimes(input, [.. input.Tokens.Skip(date.Consumed)], example, allowRange: true).Then(times =>
                    times.Start is null && form != WhenForm.DateWithOptionalTime
                        ? Error<When>(WhenErrorCode.TimeMissing, input.Text, example)
                        : times.End is null && form == WhenForm.DateAndTimeRange
                            ? Error<When>(WhenErrorCode.EndMissing, times.Fragment, example)
                            : Resolve(input, date, times, clock, example))));
    }

    /// <summary>A date alone, for a dialog that asks for the date first, and for <c>until=</c>. Today is
    /// accepted.</summary>
    public static WhenResult<DateOnly> ParseDate(string? text, ChapterClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        const WhenExample example = WhenExample.Date;
        return Input.Read(text, example).Then(input =>
            ReadDateOrSayMissing(input, example).Then(date =>
                date.Consumed < input.Tokens.Count
                    ? Error<DateOnly>(WhenErrorCode.UnexpectedText, input.Quote([.. input.Tokens.Skip(date.Consumed)]), example)
                    : Resolve(input, date, Times.None, clock, example).Then(when => Ok(when.Date))));
    }

    /// <summary>A time alone: <c>18:00</c>, <c>18.00</c>, <c>18 Uhr</c>, <c>18h</c>, <c>6pm</c>, <c>6:30 pm</c>.
    /// Whether it has passed is for <see cref="Combine(DateOnly, TimeOnly, ChapterClock)"/> to say, once the
    /// date is known.</summary>
    public static WhenResult<TimeOnly> ParseTime(string? text)
    {
        const WhenExample example = WhenExample.Time;
        return Input.Read(text, example).Then(input =>
            ReadTimes(input, input.Tokens, example, allowRange: false).Then(times =>
                times.Start is { } start ? Ok(start) : Error<TimeOnly>(WhenErrorCode.Missing, "", example)));
    }

    /// <summary>A start and an end: <c>10-13</c>, <c>10-13 Uhr</c>, <c>10:00 - 13:00</c>, <c>10 bis 13 Uhr</c>,
    /// <c>6-9pm</c>, <c>10am-2pm</c>.</summary>
    public static WhenResult<TimeRange> ParseTimeRange(string? text)
    {
        const WhenExample example = WhenExample.TimeRange;
        return Input.Read(text, example).Then(input =>
            ReadTimes(input, input.Tokens, example, allowRange: true).Then(times => times switch
            {
                { Start: { } start, End: { } end } => Ok(new TimeRange(start, end)),
                { Start: null } => Error<TimeRange>(WhenErrorCode.Missing, "", example),
                _ => Error<TimeRange>(WhenErrorCode.EndMissing, times.Fragment, example),
            }));
    }

    /// <summary>A date and a time asked for one after the other, pinned and checked as if typed together. The
    /// error's fragment is empty: the dialog knows what was typed.</summary>
    public static WhenResult<When> Combine(DateOnly date, TimeOnly time, ChapterClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Pin(date, time, null, clock, WhenExample.DateAndTime, "");
    }

    /// <inheritdoc cref="Combine(DateOnly, TimeOnly, ChapterClock)"/>
    public static WhenResult<When> Combine(DateOnly date, TimeRange range, ChapterClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Pin(date, range.Start, range.End, clock, WhenExample.DateAndTimeRange, "");
    }

    /// <summary>"18:00" where a date belongs says what is missing better than "18:00 is not a date".</summary>
    private static WhenResult<DatePart> ReadDateOrSayMissing(Input input, WhenExample example)
    {
        var date = ReadDate(input, example);
        return date is WhenResult<DatePart>.Failed && ReadTimes(input, input.Tokens, example, allowRange: true) is WhenResult<Times>.Parsed({ Start: not null })
            ? Error<DatePart>(WhenErrorCode.DateMissing, input.Text, example)
            : date;
    }

    private static WhenResult<DatePart> ReadDate(Input input, WhenExample example)
    {
        var tokens = input.Tokens;
        var i = 0;
        SkipDateFillers();

        Token? next = null;
        if (i < tokens.Count && Words.Next.Contains(tokens[i].Bare))
        {
            next = tokens[i];
            i++;
            SkipDateFillers();
        }

        DayOfWeek? weekday = null;
        Token? weekdayToken = null;
        if (i < tokens.Count && Words.Weekdays.TryGetValue(tokens[i].Bare, out var day))
        {
            weekday = day;
            weekdayToken = tokens[i];
            i++;
            SkipDateFillers();
        }

        if (next is null && weekday is null && i < tokens.Count && Words.Relative.TryGetValue(tokens[i].Bare, out var days))
        {
            return new WhenResult<DatePart>.Parsed(new DatePart(i + 1) { DaysFromToday = days });
        }

        if (i < tokens.Count)
        {
            switch (ReadNumericDate(tokens[i].Key, out var numeric))
            {
                case Shape.Date:
                    var quoted = input.Quote(weekdayToken ?? tokens[i], tokens[i]);
                    return new WhenResult<DatePart>.Parsed(new DatePart(i + 1) { Weekday = weekday, Numeric = numeric, Fragment = quoted });

                // "Di 18.00": no 0th month, but a time after a weekday is what was meant.
                case Shape.Impossible when weekday is not null && ReadTimes(input, [.. tokens.Skip(i)], example, allowRange: true) is WhenResult<Times>.Parsed:
                    break;

                case Shape.Impossible:
                    return Error<DatePart>(WhenErrorCode.ImpossibleDate, input.Quote(tokens[i], tokens[i]), example);

                // "nächsten 18:00": quoted with the word that wanted a weekday after it.
                case Shape.NotADate when weekday is null:
                    return Error<DatePart>(WhenErrorCode.UnknownDate, input.Quote(next ?? tokens[i], tokens[i]), example);

                default:
                    break;
            }
        }

        return weekday is { } alone
            ? new WhenResult<DatePart>.Parsed(new DatePart(i) { Weekday = alone, NextOnly = next is not null })
            : Error<DatePart>(WhenErrorCode.UnknownDate, input.Text, example);

        void SkipDateFillers()
        {
            while (i < tokens.Count && Words.DateFillers.Contains(tokens[i].Key))
            {
                i++;
            }
        }
    }

    /// <summary>23.11. / 23.11 / 23.11.2026 / 23.11.26 / 2026-11-23.</summary>
    private static Shape ReadNumericDate(string key, out NumericDate date)
    {
        date = default;
        string[] parts;
        int dayAt, monthAt, yearAt;
        if (key.Contains('-'))
        {
            parts = key.Split('-');
            if (parts.Length != 3 || parts[0].Length != 4)
            {
                return Shape.NotADate;
            }

            (yearAt, monthAt, dayAt) = (0, 1, 2);
        }
        else if (key.Contains('.'))
        {
            parts = key.Split('.');
            if (parts[^1].Length == 0)
            {
                parts = parts[..^1]; // "23.11." and "23.11.2026." end a sentence
            }

            if (parts.Length is < 2 or > 3 || (parts.Length == 3 && parts[2].Length is not (2 or 4)))
            {
                return Shape.NotADate;
            }

            (dayAt, monthAt, yearAt) = (0, 1, parts.Length == 3 ? 2 : -1);
        }
        else
        {
            return Shape.NotADate;
        }

        if (parts.Any(part => part.Length == 0 || !part.All(char.IsAsciiDigit)) || parts[dayAt].Length > 2 || parts[monthAt].Length > 2)
        {
            return Shape.NotADate;
        }

        var day = int.Parse(parts[dayAt], CultureInfo.InvariantCulture);
        var month = int.Parse(parts[monthAt], CultureInfo.InvariantCulture);
        int? year = yearAt < 0 ? null : int.Parse(parts[yearAt], CultureInfo.InvariantCulture);
        if (yearAt >= 0 && parts[yearAt].Length == 2)
        {
            year += 2000;
        }

        // Without a year, 29.02. exists (in leap years); with one, only if that year has it.
        if (month is < 1 or > 12 || year is < 1 || day < 1 || day > DateTime.DaysInMonth(year ?? 2000, month))
        {
            return Shape.Impossible;
        }

        date = new NumericDate(day, month, year);
        return Shape.Date;
    }

    /// <summary>Reads "[um] time [- time]" from <paramref name="tokens"/>, all of them.</summary>
    private static WhenResult<Times> ReadTimes(Input input, IReadOnlyList<Token> tokens, WhenExample example, bool allowRange)
    {
        var parts = Input.SplitRanges(tokens);
        var i = 0;
        SkipTimeFillers();
        if (i == parts.Count)
        {
            return new WhenResult<Times>.Parsed(Times.None);
        }

        if (TypedTime.Read(parts, ref i) is not { } start)
        {
            return Error<Times>(WhenErrorCode.UnknownTime, input.Quote(parts[i], parts[i]), example);
        }

        TypedTime? end = null;
        if (allowRange && i < parts.Count && parts[i].IsDash)
        {
            i++;
            SkipTimeFillers();
            if (i == parts.Count)
            {
                return Error<Times>(WhenErrorCode.EndMissing, input.Quote(start.First, parts[^1]), example);
            }

            end = TypedTime.Read(parts, ref i);
            if (end is null)
            {
                return Error<Times>(WhenErrorCode.UnknownTime, input.Quote(parts[i], parts[i]), example);
            }
        }

        if (i < parts.Count)
        {
            return Error<Times>(WhenErrorCode.UnexpectedText, input.Quote(parts[i], parts[^1]), example);
        }

        return end is { } last ? Range(input, start, last, example) : Single(input, start, example);

        void SkipTimeFillers()
        {
            while (i < parts.Count && Words.TimeFillers.Contains(parts[i].Key))
            {
                i++;
            }
        }
    }

    private static WhenResult<Times> Single(Input input, TypedTime typed, WhenExample example)
    {
        var fragment = input.Quote(typed.First, typed.Last);
        if (typed.IsBareHour)
        {
            return Error<Times>(WhenErrorCode.UnknownTime, fragment, example);
        }

        return typed.ToTime(typed.Half) is { } time
            ? new WhenResult<Times>.Parsed(new Times(time, null, fragment))
            : Error<Times>(WhenErrorCode.ImpossibleTime, fragment, example);
    }

    private static WhenResult<Times> Range(Input input, TypedTime start, TypedTime end, WhenExample example)
    {
        var (startHalf, endHalf) = Halves(start, end);
        if (start.ToTime(startHalf) is not { } from)
        {
            return Error<Times>(WhenErrorCode.ImpossibleTime, input.Quote(start.First, start.Last), example);
        }

        if (end.ToTime(endHalf) is not { } to)
        {
            return Error<Times>(WhenErrorCode.ImpossibleTime, input.Quote(end.First, end.Last), example);
        }

        var fragment = input.Quote(start.First, end.Last);
        return to > from
            ? new WhenResult<Times>.Parsed(new Times(from, to, fragment))
            : Error<Times>(WhenErrorCode.EndBeforeStart, fragment, example);
    }

    /// <summary>In "6-9pm" and "10am-2" one end says am or pm and the other does not: the silent one takes the
    /// same half of the day if that makes the range run forward, else the other half ("11-1pm" is 11:00-13:00).
    /// A silent end with an hour past 12, or "Uhr", is a 24-hour time.</summary>
    private static (Clock12 Start, Clock12 End) Halves(TypedTime start, TypedTime end)
    {
        if (start.Half != Clock12.None && end.Half == Clock12.None && !end.HasUhr && end.Hour is >= 1 and <= 12)
        {
            return (start.Half, start.MinutesWith(start.Half) < end.MinutesWith(start.Half) ? start.Half : Other(start.Half));
        }

        if (end.Half != Clock12.None && start.Half == Clock12.None && !start.HasUhr && start.Hour is >= 1 and <= 12)
        {
            return (start.MinutesWith(end.Half) < end.MinutesWith(end.Half) ? end.Half : Other(end.Half), end.Half);
        }

        return (start.Half, end.Half);

        static Clock12 Other(Clock12 half) => half == Clock12.Am ? Clock12.Pm : Clock12.Am;
    }

    private static WhenResult<When> Resolve(Input input, DatePart part, Times times, ChapterClock clock, WhenExample example)
    {
        var today = clock.Today;
        DateOnly date;
        if (part.DaysFromToday is { } days)
        {
            date = today.AddDays(days);
        }
        else if (part.Numeric is { } numeric)
        {
            date = numeric.Year is { } year
                ? new DateOnly(year, numeric.Month, numeric.Day)
                : Coming(numeric.Day, numeric.Month, today);
            if (part.Weekday is { } weekday && date.DayOfWeek != weekday)
            {
                return new WhenResult<When>.Failed(new WhenError(WhenErrorCode.WeekdayMismatch, part.Fragment, example)
                {
                    Date = date,
                    ActualWeekday = date.DayOfWeek,
                });
            }
        }
        else
        {
            var weekday = part.Weekday ?? throw new InvalidOperationException("A date part has a day, a date or a weekday.");
            var ahead = ((int)weekday - (int)today.DayOfWeek + 7) % 7;
            if (ahead == 0 && (part.NextOnly || (times.Start is { } start && clock.Resolve(today, start).At < clock.UtcNow)))
            {
                ahead = 7;
            }

            date = today.AddDays(ahead);
        }

        return Pin(date, times.Start, times.End, clock, example, input.Text);
    }

    /// <summary>The day and month this year if still to come (today included), else the next year that has it.</summary>
    private static DateOnly Coming(int day, int month, DateOnly today)
    {
        var candidate = NextExisting(day, month, today.Year);
        return candidate >= today
            ? candidate
            : NextExisting(day, month, candidate.Year + 1);

        // Only 29 February is missing in some years, and never for more than seven in a row.
        static DateOnly NextExisting(int day, int month, int year)
        {
            while (day > DateTime.DaysInMonth(year, month))
            {
                year++;
            }

            return new DateOnly(year, month, day);
        }
    }

    private static WhenResult<When> Pin(DateOnly date, TimeOnly? start, TimeOnly? end, ChapterClock clock, WhenExample example, string fragment)
    {
        var today = clock.Today;
        if (date < today)
        {
            return new WhenResult<When>.Failed(new WhenError(WhenErrorCode.InThePast, fragment, example) { Date = date });
        }

        if (date > today.AddYears(MaxYearsAhead))
        {
            return new WhenResult<When>.Failed(new WhenError(WhenErrorCode.TooFarAhead, fragment, example) { Date = date });
        }

        if (start is not { } from)
        {
            return new WhenResult<When>.Parsed(new When(date, null, null));
        }

        var startsAt = clock.Resolve(date, from);
        if (startsAt.At < clock.UtcNow)
        {
            return new WhenResult<When>.Failed(new WhenError(WhenErrorCode.InThePast, fragment, example) { Date = date });
        }

        if (end is not { } to)
        {
            return new WhenResult<When>.Parsed(new When(date, startsAt, null));
        }

        // Compared as instants too: 02:30-03:00 on the night 02:30 moves to 03:30 would run backwards.
        var endsAt = clock.Resolve(date, to);
        return to > from && endsAt.At > startsAt.At
            ? new WhenResult<When>.Parsed(new When(date, startsAt, endsAt))
            : new WhenResult<When>.Failed(new WhenError(WhenErrorCode.EndBeforeStart, fragment, example) { Date = date });
    }

    private static WhenResult<T> Error<T>(WhenErrorCode code, string fragment, WhenExample example) =>
        new WhenResult<T>.Failed(new WhenError(code, fragment, example));

    private static WhenResult<T> Ok<T>(T value) => new WhenResult<T>.Parsed(value);

    private enum Shape
    {
        NotADate,
        Impossible,
        Date,
    }

    private readonly record struct NumericDate(int Day, int Month, int? Year);

    /// <summary>The date as read, before today and the time decide which day it is.</summary>
    private sealed record DatePart(int Consumed)
    {
        public int? DaysFromToday { get; init; }
        public DayOfWeek? Weekday { get; init; }
        public bool NextOnly { get; init; }
        public NumericDate? Numeric { get; init; }
        public string Fragment { get; init; } = "";
    }

    private sealed record Times(TimeOnly? Start, TimeOnly? End, string Fragment)
    {
        public static readonly Times None = new(null, null, "");
    }
}
