using Bot.Domain.Calendar;
using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Time;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using IcalCalendar = Ical.Net.Calendar;

namespace Bot.Http;

/// <summary>A member's personal iCalendar (RFC 5545): the series of the chapters they can see as RRULEs in the
/// chapter time zone (with its VTIMEZONE), and every event and canvassing shift of those chapters from a quarter ago
/// on, the dates a series already turned into events left out of the series (EXDATE) and shown as the events they
/// became. Shifts are named in the member's language, as /calendar names them. Nothing
/// in it depends on when it is built, only on the data, so the same data gives the same bytes (and ETag).</summary>
public sealed class CalendarFeedBuilder(ChapterService chapters, ICalendarStore store, ChapterClock clock, Texts.TextCatalog texts, Texts.ReaderCultures readers)
{
    /// <summary>Events have no end here; calendars show them this long.</summary>
    public static readonly TimeSpan AssumedLength = TimeSpan.FromHours(2);

    /// <summary>How far back single events are kept in the feed.</summary>
    public const int PastDays = 90;

    private const string Domain = "chapter-bot";

    /// <summary>The VTIMEZONE starts here rather than at "now", so the feed does not change by itself every year.</summary>
    private static readonly DateTime ZoneSince = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    public async Task<string> Build(long userId, CancellationToken ct)
    {
        var permissions = await chapters.PermissionsOf(userId, ct);
        var chapterIds = permissions.Visible().Select(c => c.Id).ToList();
        var series = await store.Active(chapterIds, ct);
        var occurrences = (await store.Occurrences(series.Select(s => s.Id).ToList(), ct)).ToLookup(o => o.SeriesId);
        // Whole local days, so the feed is the same all day and changes only with the data or at midnight.
        var from = ChapterClock.Resolve(clock.Zone, clock.Today.AddDays(-PastDays), TimeOnly.MinValue).UtcDateTime;
        var events = await store.Events(chapterIds, from, DateTime.MaxValue.AddDays(-1), ct);
        var shifts = await store.Shifts(chapterIds, from, DateTime.MaxValue.AddDays(-1), ct);
        var culture = (await readers.Of([userId], ct))(userId);

        var calendar = new IcalCalendar { ProductId = "-//chapter-bot//calendar//DE" };
        calendar.AddProperty("X-WR-CALNAME", "Kalender");
        calendar.AddTimeZone(clock.Zone, ZoneSince, false);
        foreach (var one in series)
        {
            calendar.Events.Add(SeriesEvent(one, occurrences[one.Id]));
        }

        foreach (var @event in events)
        {
            calendar.Events.Add(Single(@event));
        }

        foreach (var shift in shifts)
        {
            calendar.Events.Add(Shift(shift, texts.Plain("Calendar.Shift", culture, shift.Area)));
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private CalendarEvent SeriesEvent(Series series, IEnumerable<Domain.Calendar.Occurrence> made)
    {
        var item = new CalendarEvent
        {
            Uid = $"series-{series.Id}@{Domain}",
            Summary = series.Title,
            Location = series.Place,
            DtStamp = new CalDateTime(series.CreatedAt),
            DtStart = new CalDateTime(series.FirstDate, series.Time, clock.Zone.Id),
            Duration = Duration.FromTimeSpanExact(AssumedLength),
        };
        item.RecurrenceRule = Rule(series);
        foreach (var occurrence in made.OrderBy(o => o.Date))
        {
            item.ExceptionDates.Add(new CalDateTime(occurrence.Date, series.Time, clock.Zone.Id));
        }

        return item;
    }

    private RecurrenceRule Rule(Series series)
    {
        var rule = series.Rule;
        var ical = new RecurrenceRule(rule.Frequency switch
        {
            Frequency.Weekly => Ical.Net.FrequencyType.Weekly,
            Frequency.Monthly => Ical.Net.FrequencyType.Monthly,
            _ => Ical.Net.FrequencyType.Yearly,
        }, rule.Interval);
        if (rule is { Weekday: { } day, Nth: { } nth })
        {
            ical.ByDay.Add(new WeekDay(day, nth));
            if (rule.Month is { } month)
            {
                ical.ByMonth.Add(month);
            }
        }

        if (series.Until is { } until)
        {
            // With a DTSTART in a zone RFC 5545 wants UNTIL in UTC: the end of that local day.
            ical.Until = new CalDateTime(ChapterClock.Resolve(clock.Zone, until.AddDays(1), TimeOnly.MinValue).UtcDateTime.AddSeconds(-1));
        }

        return ical;
    }

    private CalendarEvent Shift(Domain.Canvassing.Shift shift, string summary) =>
        new()
        {
            Uid = $"shift-{shift.Id}@{Domain}",
            Summary = summary,
            Location = shift.MeetingPoint,
            DtStamp = new CalDateTime(shift.CreatedAt),
            DtStart = Local(shift.StartsAt),
            DtEnd = Local(shift.EndsAt),
            Sequence = shift.Version,
        };

    private CalDateTime Local(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, clock.Zone);
        return new CalDateTime(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local), clock.Zone.Id);
    }

    private CalendarEvent Single(Event @event)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(@event.StartsAt, clock.Zone);
        return new CalendarEvent
        {
            Uid = $"event-{@event.Id}@{Domain}",
            Summary = @event.Title,
            Location = @event.Place,
            DtStamp = new CalDateTime(@event.CreatedAt),
            DtStart = new CalDateTime(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local), clock.Zone.Id),
            Duration = Duration.FromTimeSpanExact(AssumedLength),
            Sequence = @event.Version,
        };
    }
}
