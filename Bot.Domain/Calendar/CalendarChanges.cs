using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Messaging;
using Bot.Domain.Reminders;
using Bot.Domain.Subscriptions;

namespace Bot.Domain.Calendar;

public enum CalendarChangeKind
{
    /// <summary>A recurring entry was entered.</summary>
    Added = 1,

    /// <summary>A recurring entry got a new title, place or time.</summary>
    Changed = 2,

    /// <summary>One date of a recurring entry was moved.</summary>
    Moved = 3,

    /// <summary>A recurring entry, or one of its dates (<see cref="CalendarChange.EventId"/>), was cancelled.</summary>
    Cancelled = 4,
}

/// <summary>A change to the annual calendar that the chapter's <c>calendar</c> subscribers are told about, kept as it
/// was when it happened; recorded in the unit of work of the change, told by the calendar job.</summary>
public sealed class CalendarChange
{
    public long Id { get; set; }
    public long ChapterId { get; set; }
    public CalendarChangeKind Kind { get; set; }
    public long? SeriesId { get; set; }

    /// <summary>The date (an event) the change is about; null when it is about the whole series.</summary>
    public long? EventId { get; set; }

    public required string Title { get; set; }
    public required string Place { get; set; }

    /// <summary>When it takes place now (UTC): the event's start, or the series' first date at its time.</summary>
    public DateTime StartsAt { get; set; }

    /// <summary>For a moved date: when it was to take place.</summary>
    public DateTime? WasStartsAt { get; set; }

    /// <summary>Who made the change, who need not be told; null when it was not a person, or after their erasure.</summary>
    public long? ActorId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When every subscriber had been told (or the change had waited long enough); null while open.</summary>
    public DateTime? DoneAt { get; set; }
}

/// <summary>That a member was told about a calendar change: the key that makes each change reach them once.</summary>
public sealed class CalendarChangeSent
{
    public long ChangeId { get; set; }
    public long UserId { get; set; }
    public DateTime SentAt { get; set; }
}

/// <summary>A change to the calendar, for one member; <paramref name="Series"/> as it is now, for its rule.</summary>
public sealed record CalendarChanged(Recipient To, CalendarChange Change, Series? Series) : Notice(To, Urgency.Bulk);

/// <summary>Where calendar changes and the record of who was told are kept.</summary>
public interface ICalendarChangeStore
{
    void Add(CalendarChange change);

    /// <summary>Changes not everyone was told about yet, oldest first.</summary>
    Task<IReadOnlyList<CalendarChange>> Open(CancellationToken ct);

    Task<IReadOnlySet<long>> Told(long changeId, CancellationToken ct);

    /// <summary>Dates of series, not yet begun, whose event was moved or cancelled since calendar subscribers last
    /// heard of it, or that were never looked at.</summary>
    Task<IReadOnlyList<(Occurrence Occurrence, Event Event)>> Drifted(DateTime nowUtc, CancellationToken ct);

    /// <summary>Records who was told and commits the caller's unit of work with it (the queued messages included).</summary>
    Task Record(IReadOnlyList<CalendarChangeSent> told, CancellationToken ct);
}

/// <summary>Tells the chapter's <c>calendar</c> subscribers (its members and those of its sub-chapters) when a
/// recurring entry is added, changed or cancelled, or one of its dates is moved or cancelled, at bulk urgency.
/// Each member hears of each change once, however often the job runs: who was told commits with the messages, in
/// batches. A member in their quiet hours is left for a later run; after a day a change is closed. Whoever made the
/// change, and those who answered the date (they hear of it from the event itself), are not told.</summary>
public sealed class CalendarChangeService(
    ICalendarChangeStore changes,
    ICalendarStore calendar,
    IEventStore events,
    SubscriptionService subscriptions,
    ISettingsStore settings,
    INotices notices,
    ReminderDefaults defaults)
{
    /// <summary>How long a change waits for members in their quiet hours.</summary>
    public static readonly TimeSpan KeptOpen = TimeSpan.FromDays(1);

    /// <summary>Notes the moves and cancellations made on dates of series, then tells what is open; returns how many
    /// were told.</summary>
    public async Task<int> Send(DateTime nowUtc, CancellationToken ct)
    {
        await NoteDrift(nowUtc, ct);
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(nowUtc, defaults.Zone));
        var told = 0;
        foreach (var change in await changes.Open(ct))
        {
            if (nowUtc - change.CreatedAt > KeptOpen)
            {
                change.DoneAt = nowUtc;
                await changes.Record([], ct);
                continue;
            }

            var skip = (await changes.Told(change.Id, ct)).ToHashSet();
            if (change.ActorId is { } actor)
            {
                skip.Add(actor);
            }

            if (change.EventId is { } eventId)
            {
                skip.UnionWith((await events.Rsvps(eventId, ct)).Where(r => r.Answer is Answer.Yes or Answer.Maybe && r.UserId is not null).Select(r => r.UserId!.Value));
            }

            var series = change.SeriesId is { } seriesId ? await calendar.Series(seriesId, ct) : null;
            var held = false;
            var to = (await subscriptions.SubscribersOf(change.ChapterId, Topic.Calendar, ct)).Where(id => !skip.Contains(id)).ToList();
            foreach (var batch in to.Chunk(defaults.BatchSize))
            {
                var messages = new List<Notice>();
                var records = new List<CalendarChangeSent>();
                foreach (var userId in batch)
                {
                    if (defaults.QuietOf((await settings.Settings(userId, ct))?.QuietHours).Contains(local))
                    {
                        held = true;
                        continue;
                    }

                    messages.Add(new CalendarChanged(new Recipient.Member(userId), change, series));
                    records.Add(new CalendarChangeSent { ChangeId = change.Id, UserId = userId, SentAt = nowUtc });
                }

                await notices.Tell(messages, ct);
                await changes.Record(records, ct);
                told += records.Count;
            }

            if (!held)
            {
                change.DoneAt = nowUtc;
                await changes.Record([], ct);
            }
        }

        return told;
    }

    /// <summary>A date of a series is an event that organizers move or cancel like any other; the calendar's
    /// subscribers hear of it here, once, whoever changed it how.</summary>
    private async Task NoteDrift(DateTime nowUtc, CancellationToken ct)
    {
        var drifted = await changes.Drifted(nowUtc, ct);
        foreach (var (occurrence, @event) in drifted)
        {
            if (occurrence.KnownStartsAt is { } known)
            {
                var kind = @event.IsCancelled && !occurrence.KnownCancelled ? CalendarChangeKind.Cancelled
                    : !@event.IsCancelled && @event.StartsAt != known ? CalendarChangeKind.Moved
                    : (CalendarChangeKind?)null;
                if (kind is { } noted)
                {
                    changes.Add(new CalendarChange
                    {
                        ChapterId = @event.ChapterId,
                        Kind = noted,
                        SeriesId = occurrence.SeriesId,
                        EventId = @event.Id,
                        Title = @event.Title,
                        Place = @event.Place,
                        StartsAt = @event.StartsAt,
                        WasStartsAt = noted == CalendarChangeKind.Moved ? known : null,
                        CreatedAt = nowUtc,
                    });
                }
            }

            occurrence.KnownStartsAt = @event.StartsAt;
            occurrence.KnownCancelled = @event.IsCancelled;
        }

        if (drifted.Count > 0)
        {
            await changes.Record([], ct);
        }
    }
}
