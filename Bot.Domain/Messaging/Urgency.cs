namespace Bot.Domain.Messaging;

/// <summary>How soon a message must go out relative to others: a member waiting on a reply goes ahead of a
/// broadcast to thousands.</summary>
public enum Urgency
{
    /// <summary>Someone is looking at the chat and waiting for this answer.</summary>
    Interactive = 0,
    /// <summary>Formal meeting notices: a broadcast, but one whose day of delivery can decide whether a vote
    /// stands, so it goes ahead of reminders and digests.</summary>
    Formal = 1,
    /// <summary>Reminders, calendars, announcements: fine a minute later.</summary>
    Bulk = 2,
}
