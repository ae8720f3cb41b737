using Bot.Domain.Time;

namespace Bot.Domain.Calendar;

public enum Frequency
{
    Yearly = 1,
    Monthly = 2,
    Weekly = 3,
}

/// <summary>How a calendar entry repeats: every year on its date, every month on its day, every N weeks, or the
/// n-th (or last) weekday of every month or of one month a year. Dates a rule names but a calendar lacks (29
/// February in a common year, the 31st of a short month, the fifth Friday of a month with four) are skipped, as
/// RFC 5545 does, so the bot and a phone subscribed to the feed agree on every date.</summary>
/// <param name="Interval">Every how many periods: 2 for every other week.</param>
/// <param name="Nth">With <paramref name="Weekday"/>: 1 to 5 for the n-th, -1 for the last; null: the start's own
/// day.</param>
/// <param name="Month">With a weekday and <see cref="Frequency.Yearly"/>: the month (1–12).</param>
public sealed record Recurrence(Frequency Frequency, int Interval = 1, int? Nth = null, DayOfWeek? Weekday = null, int? Month = null)
{
    public const int MaxInterval = 52;

    /// <summary>The dates of the series that starts on <paramref name="first"/> (itself one of them if the rule
    /// names it; otherwise the series begins at the next date the rule names), from <paramref name="from"/> to
    /// <paramref name="to"/> inclusive, none after <paramref name="until"/>.</summary>
    public IEnumerable<DateOnly> Dates(DateOnly first, DateOnly from, DateOnly to, DateOnly? until = null)
    {
        var last = until is { } end && end < to ? end : to;
        if (from < first)
        {
            from = first;
        }

        if (from > last)
        {
            yield break;
        }

        foreach (var date in Candidates(first, from))
        {
            if (date > last)
            {
                yield break;
            }

            if (date >= from)
            {
                yield return date;
            }
        }
    }

    /// <summary>The first date of the series that starts on or after <paramref name="first"/>; null when the rule
    /// names none within ten years (which no rule here does).</summary>
    public DateOnly? FirstOnOrAfter(DateOnly first, DateOnly? until = null)
    {
        foreach (var date in Dates(first, first, first.AddYears(10), until))
        {
            return date;
        }

        return null;
    }

    /// <summary>Dates in order from the period that holds <paramref name="from"/> (or <paramref name="first"/>'s,
    /// whichever is later), stepping by the interval from <paramref name="first"/>'s period.</summary>
    private IEnumerable<DateOnly> Candidates(DateOnly first, DateOnly from)
    {
        switch (Frequency)
        {
            case Frequency.Weekly:
                {
                    var step = 7 * Interval;
                    var periods = Math.Max(0, (from.DayNumber - first.DayNumber) / step);
                    for (var date = first.AddDays(periods * step); ; date = date.AddDays(step))
                    {
                        yield return date;
                    }
                }

            case Frequency.Monthly:
                {
                    var firstMonth = (first.Year * 12) + first.Month - 1;
                    var fromMonth = (from.Year * 12) + from.Month - 1;
                    var skipped = Math.Max(0, (fromMonth - firstMonth) / Interval);
                    for (var month = firstMonth + (skipped * Interval); month < 12 * 10_000; month += Interval)
                    {
                        if (DayIn(month / 12, (month % 12) + 1, first) is { } date && date >= first)
                        {
                            yield return date;
                        }
                    }

                    yield break;
                }

            default:
                {
                    var skipped = Math.Max(0, (from.Year - first.Year) / Interval);
                    for (var year = first.Year + (skipped * Interval); year < 10_000; year += Interval)
                    {
                        if (DayIn(year, Month ?? first.Month, first) is { } date && date >= first)
                        {
                            yield return date;
                        }
                    }

                    yield break;
                }
        }
    }

    /// <summary>The day this rule names in a month, or null when that month lacks it.</summary>
    private DateOnly? DayIn(int year, int month, DateOnly first)
    {
        if (year is < 1 or > 9999)
        {
            return null;
        }

        var days = DateTime.DaysInMonth(year, month);
        if (Weekday is not { } weekday || Nth is not { } nth)
        {
            return first.Day <= days ? new DateOnly(year, month, first.Day) : null;
        }

        if (nth < 0)
        {
            var end = new DateOnly(year, month, days);
            return end.AddDays(-(((int)end.DayOfWeek - (int)weekday + 7) % 7));
        }

        var start = new DateOnly(year, month, 1);
        var day = 1 + (((int)weekday - (int)start.DayOfWeek + 7) % 7) + (7 * (nth - 1));
        return day <= days ? new DateOnly(year, month, day) : null;
    }

    /// <summary>The instants of the series' dates at the wall-clock time <paramref name="time"/> in
    /// <paramref name="zone"/>, daylight saving time resolved as <see cref="ChapterClock.Resolve(DateOnly, TimeOnly)"/>
    /// decides: a Stammtisch at 19:00 stays at 19:00 all year.</summary>
    public IEnumerable<ZonedTime> Times(TimeZoneInfo zone, DateOnly first, TimeOnly time, DateOnly from, DateOnly to, DateOnly? until = null) =>
        Dates(first, from, to, until).Select(date => ChapterClock.Resolve(zone, date, time));
}
