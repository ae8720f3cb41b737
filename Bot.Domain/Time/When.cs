namespace Bot.Domain.Time;

/// <summary>A date people typed, with the start time (and end time of a range) when they typed one, each
/// pinned to its instant in the chapter's time zone.</summary>
public sealed record When(DateOnly Date, ZonedTime? Start, ZonedTime? End)
{
    /// <summary>The start time as typed.</summary>
    public TimeOnly? Time => Start?.Time;

    /// <summary>The end time as typed.</summary>
    public TimeOnly? EndTime => End?.Time;

    /// <summary>True when a typed time did not exist or happened twice that night, so the reply should say
    /// which instant was used (see <see cref="ChapterClock.Resolve"/>).</summary>
    public bool HasDstNote =>
        Start is { Dst: not DstResolution.Exact } || End is { Dst: not DstResolution.Exact };
}

/// <summary>A start and an end on the same day, the end after the start.</summary>
public readonly record struct TimeRange(TimeOnly Start, TimeOnly End);

/// <summary>What a date field must hold, for <see cref="WhenParser.Parse"/>.</summary>
public enum WhenForm
{
    /// <summary>A date, with a time or time range if one is typed: <c>deadline=&lt;date&gt; [&lt;time&gt;]</c>.</summary>
    DateWithOptionalTime,

    /// <summary>A date and a start time, an end time allowed: events and meetings.</summary>
    DateAndTime,

    /// <summary>A date with a start and an end time: canvassing shifts.</summary>
    DateAndTimeRange,
}

/// <summary>What a parser gives back: the value, or what was wrong with the text.</summary>
public abstract record WhenResult<T>
{
    private WhenResult()
    {
    }

    /// <summary>Goes on with the value, or passes the error along.</summary>
    public abstract WhenResult<TNext> Then<TNext>(Func<T, WhenResult<TNext>> next);

    public sealed record Parsed(T Value) : WhenResult<T>
    {
        public override WhenResult<TNext> Then<TNext>(Func<T, WhenResult<TNext>> next)
        {
            ArgumentNullException.ThrowIfNull(next);
            return next(Value);
        }
    }

    public sealed record Failed(WhenError Error) : WhenResult<T>
    {
        public override WhenResult<TNext> Then<TNext>(Func<T, WhenResult<TNext>> next) => new WhenResult<TNext>.Failed(Error);
    }
}

/// <summary>What was wrong with a typed date or time; the Bot layer turns it into words.</summary>
/// <param name="Code">What kind of mistake, stable for the texts that explain it.</param>
/// <param name="Fragment">The part of the input at fault, as typed (empty when the input as a whole is).</param>
/// <param name="Example">Which example the reply should show.</param>
public sealed record WhenError(WhenErrorCode Code, string Fragment, WhenExample Example)
{
    /// <summary>For <see cref="WhenErrorCode.WeekdayMismatch"/>, <see cref="WhenErrorCode.InThePast"/> and
    /// <see cref="WhenErrorCode.TooFarAhead"/>: the date as understood.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>For <see cref="WhenErrorCode.WeekdayMismatch"/>: the weekday the date really is.</summary>
    public DayOfWeek? ActualWeekday { get; init; }
}

public enum WhenErrorCode
{
    /// <summary>Nothing was typed.</summary>
    Missing,

    /// <summary>Longer than <see cref="WhenParser.MaxLength"/> characters: not a date, and not worth reading.</summary>
    TooLong,

    /// <summary>Not a date in any form known here (<c>abc</c>, <c>23/11</c>).</summary>
    UnknownDate,

    /// <summary>A time was typed but no date (<c>18:00</c> where a date and time are expected).</summary>
    DateMissing,

    /// <summary>Shaped like a date but no such day exists (<c>31.04.</c>, <c>29.02.2027</c>, <c>32.1.</c>).</summary>
    ImpossibleDate,

    /// <summary>A weekday and a date that disagree (<c>Sa 24.11.2026</c>, a Tuesday).</summary>
    WeekdayMismatch,

    /// <summary>The date, or the date and time, has already passed.</summary>
    InThePast,

    /// <summary>More than <see cref="WhenParser.MaxYearsAhead"/> years ahead, almost certainly a typo.</summary>
    TooFarAhead,

    /// <summary>Not a time in any form known here (<c>18:5</c>, <c>abends</c>, a bare <c>18</c> outside a range).</summary>
    UnknownTime,

    /// <summary>Shaped like a time but no such time exists (<c>25:00</c>, <c>18:60</c>, <c>13pm</c>).</summary>
    ImpossibleTime,

    /// <summary>A date without the time that this field needs.</summary>
    TimeMissing,

    /// <summary>A start time without the end time that this field needs (<c>10:00</c> for a shift).</summary>
    EndMissing,

    /// <summary>The end of a time range is not after its start (<c>13-10</c>, <c>22-02</c>).</summary>
    EndBeforeStart,

    /// <summary>Text after a complete date and time (<c>23.11. 18:00 Rathaus</c>: a forgotten <c>|</c>?).</summary>
    UnexpectedText,
}

/// <summary>The example a reply shows after an error, chosen by what the field asked for.</summary>
public enum WhenExample
{
    /// <summary>e.g. <c>23.11.2026</c>, <c>morgen</c>, <c>Dienstag</c>.</summary>
    Date,

    /// <summary>e.g. <c>18:00</c>, <c>18 Uhr</c>, <c>6pm</c>.</summary>
    Time,

    /// <summary>e.g. <c>10-13 Uhr</c>, <c>10:00-13:00</c>.</summary>
    TimeRange,

    /// <summary>e.g. <c>Sa 23.11. 18:00</c>, <c>morgen 19 Uhr</c>.</summary>
    DateAndTime,

    /// <summary>e.g. <c>Sa 23.11. 10-13 Uhr</c>.</summary>
    DateAndTimeRange,
}
