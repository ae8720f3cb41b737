namespace Bot.Domain.Subscriptions;

/// <summary>What a member can choose to hear about without asking. Formal meeting notices reach every member
/// whatever they chose; <see cref="Notices"/> is for news around them.</summary>
public enum Topic
{
    Calendar = 1,
    Notices = 2,
    Events = 3,
    Shifts = 4,
    Digest = 5,
}

/// <summary>A member's choice that differs from, or confirms, a topic's default; members who never chose follow
/// <see cref="Topics.OnByDefault"/>, so a new member needs no rows at all.</summary>
public sealed class TopicChoice
{
    public long UserId { get; set; }
    public Topic Topic { get; set; }
    public bool Subscribed { get; set; }
    public DateTime ChangedAt { get; set; }
}

public static class Topics
{
    /// <summary>In the order they are shown.</summary>
    public static readonly IReadOnlyList<Topic> All = [Topic.Events, Topic.Calendar, Topic.Digest, Topic.Shifts, Topic.Notices];

    /// <summary>A new member hears about new events, gets the calendar and the digests (SPEC).</summary>
    public static bool OnByDefault(Topic topic) => topic is Topic.Events or Topic.Calendar or Topic.Digest;

    /// <summary>The topic a member typed (<c>/subscribe events</c>), English or German.</summary>
    public static Topic? Parse(string? text) =>
        text?.Trim().ToLowerInvariant() switch
        {
            "calendar" or "kalender" => Topic.Calendar,
            "notices" or "notice" or "mitteilungen" or "ladungen" => Topic.Notices,
            "events" or "event" or "termine" or "veranstaltungen" => Topic.Events,
            "shifts" or "shift" or "schichten" or "einsätze" => Topic.Shifts,
            "digest" or "digests" or "übersicht" or "uebersicht" => Topic.Digest,
            _ => null,
        };
}
