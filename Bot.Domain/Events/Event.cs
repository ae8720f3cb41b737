namespace Bot.Domain.Events;

/// <summary>Something a chapter invites its members to: a Stammtisch, an assembly, a memorial. Times are UTC
/// instants; they are read and shown in Bot:TimeZone.</summary>
public sealed class Event
{
    public const int MaxTitleLength = 120;
    public const int MaxPlaceLength = 200;
    public const int MaxCapacity = 10_000;
    public const int MaxGuestsAllowed = 10;
    public const int MaxNoteLength = 300;

    public long Id { get; set; }
    public long ChapterId { get; set; }
    public required string Title { get; set; }
    public required string Place { get; set; }
    public DateTime StartsAt { get; set; }

    /// <summary>When answers close; null: when the event starts.</summary>
    public DateTime? DeadlineAt { get; set; }

    /// <summary>Places, guests included; null: no limit.</summary>
    public int? Capacity { get; set; }

    /// <summary>How many guests one member may bring (the +1 button); 0: none.</summary>
    public int MaxGuests { get; set; }

    /// <summary>What members should know besides time and place ("Bitte Flyer mitbringen"); null: none.</summary>
    public string? Note { get; set; }

    public long? CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? CancelledAt { get; set; }

    /// <summary>The next place in the queue of yes answers: the first come are the first in.</summary>
    public int NextTicket { get; set; } = 1;

    /// <summary>Bumped by every change to the event or its answers, so two concurrent changes cannot both win.</summary>
    public int Version { get; set; }

    public bool IsCancelled => CancelledAt is not null;

    /// <summary>Begun (or over): it can no longer be changed or cancelled.</summary>
    public bool HasStartedAt(DateTime now) => StartsAt <= now;

    public DateTime AnswersCloseAt => DeadlineAt ?? StartsAt;

    public bool AcceptsAnswersAt(DateTime now) => !IsCancelled && now < AnswersCloseAt;
}

public enum Answer
{
    Yes = 1,
    Maybe = 2,
    No = 3,
}

/// <summary>One member's answer to an event. After the member erased their data it stays without a user, as an
/// anonymous count.</summary>
public sealed class Rsvp
{
    public long Id { get; set; }
    public long EventId { get; set; }
    public long? UserId { get; set; }
    public Answer Answer { get; set; }
    public int Guests { get; set; }

    /// <summary>The yes answer's place in the queue (<see cref="Event.NextTicket"/> when it became yes).</summary>
    public int Ticket { get; set; }

    public DateTime AnsweredAt { get; set; }

    /// <summary>Places this answer takes when it is a yes: the member and their guests.</summary>
    public int Seats => Answer == Answer.Yes ? 1 + Guests : 0;
}
