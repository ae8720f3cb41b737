using Bot.Domain.Chapters;
using Bot.Domain.Messaging;
using Bot.Domain.Reminders;
using Bot.Domain.Subscriptions;
using Bot.Domain.Time;

namespace Bot.Domain.Calendar;

/// <summary>Where the record of sent digests is kept.</summary>
public interface IDigestStore
{
    /// <summary>The members who were sent this digest for this period.</summary>
    Task<IReadOnlySet<long>> Sent(DigestKind kind, DateOnly period, CancellationToken ct);

    /// <summary>Records the batch and commits the caller's unit of work with it, so a batch's messages and its
    /// records are stored together or not at all.</summary>
    Task Record(IReadOnlyList<DigestRecord> records, CancellationToken ct);
}

/// <summary>Pushes the coming year's calendar (topic <c>calendar</c>) and the monthly and weekly digests (topic
/// <c>digest</c>) to subscribers, in batches. Each member gets each digest once per period, however often the job
/// fires: the record of a batch commits with its messages, so a run after a crash or a restart goes on with those
/// not yet sent. A member in their quiet hours is left for a later run the same day. Entries are worked out once
/// per set of chapters, not per member.</summary>
public sealed class DigestService(
    IDigestStore digests,
    ISubscriptionStore subscriptions,
    IChapterStore chapters,
    ISettingsStore settings,
    CalendarService calendar,
    INotices notices,
    ReminderDefaults defaults,
    ChapterClock clock)
{
    /// <summary>Sends what is due for the digest fired at <paramref name="fireUtc"/>; returns how many were recorded.</summary>
    public async Task<int> Send(DigestKind kind, DateTime fireUtc, CancellationToken ct)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(fireUtc, clock.Zone);
        var (from, to) = Period(kind, DateOnly.FromDateTime(local));
        var tree = await chapters.Tree(ct);
        var topic = kind == DigestKind.Year ? Topic.Calendar : Topic.Digest;
        var subscribers = await subscriptions.Subscribers(tree.All.Select(c => c.Id).ToList(), topic, Topics.OnByDefault(topic), ct);
        var done = await digests.Sent(kind, from, ct);
        var names = tree.All.ToDictionary(c => c.Id, c => c.Name);
        var bySet = new Dictionary<string, IReadOnlyList<CalendarEntry>>(StringComparer.Ordinal);
        var recorded = 0;
        foreach (var batch in subscribers.Where(id => !done.Contains(id)).Chunk(defaults.BatchSize))
        {
            var told = new List<Notice>();
            var records = new List<DigestRecord>();
            foreach (var userId in batch)
            {
                if (defaults.QuietOf((await settings.Settings(userId, ct))?.QuietHours).Contains(TimeOnly.FromDateTime(local)))
                {
                    continue;
                }

                var visible = new Permissions(userId, tree, await chapters.MembershipsOf(userId, ct)).Visible().Select(c => c.Id).ToList();
                var key = string.Join(',', visible);
                if (!bySet.TryGetValue(key, out var entries))
                {
                    entries = await calendar.Span(visible, from, to, ct);
                    bySet[key] = entries;
                }

                if (entries.Count > 0)
                {
                    told.Add(new DigestDue(new Recipient.Member(userId), kind, from, to, entries, names));
                }

                records.Add(new DigestRecord { UserId = userId, Kind = kind, Period = from, SentAt = fireUtc });
            }

            await notices.Tell(told, ct);
            await digests.Record(records, ct);
            recorded += records.Count;
        }

        return recorded;
    }

    /// <summary>The days a digest fired on <paramref name="day"/> covers: the coming year (this one before July,
    /// else the next), the month, or the week from Monday.</summary>
    public static (DateOnly From, DateOnly To) Period(DigestKind kind, DateOnly day)
    {
        switch (kind)
        {
            case DigestKind.Year:
                var year = day.Month >= 7 ? day.Year + 1 : day.Year;
                return (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            case DigestKind.Month:
                var first = new DateOnly(day.Year, day.Month, 1);
                return (first, first.AddMonths(1).AddDays(-1));
            default:
                var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
                return (monday, monday.AddDays(6));
        }
    }
}

/// <summary>A digest for one member: the entries of their chapters in the period, with the chapters' names.</summary>
public sealed record DigestDue(Recipient To, DigestKind Kind, DateOnly From, DateOnly Until, IReadOnlyList<CalendarEntry> Entries, IReadOnlyDictionary<long, string> ChapterNames)
    : Notice(To, Urgency.Bulk);
