namespace Bot.Domain.Canvassing;

/// <summary>A canvassing shift: door-to-door conversations in one area (Wahlbereich), from a meeting point, for a
/// number of people. Times are UTC instants, read and shown in Bot:TimeZone.</summary>
public sealed class Shift
{
    public const int MaxAreaLength = 120;
    public const int MaxMeetingPointLength = 200;
    public const int MaxCampaignLength = 80;
    public const int MaxSlots = 500;

    /// <summary>No shift is longer: a typo in a time range is refused rather than kept.</summary>
    public static readonly TimeSpan MaxLength = TimeSpan.FromHours(14);

    /// <summary>How long before the start the organizer hears that too few signed up.</summary>
    public static readonly TimeSpan StaffingCheckBefore = TimeSpan.FromHours(48);

    public long Id { get; set; }
    public long ChapterId { get; set; }
    public required string Area { get; set; }
    public required string MeetingPoint { get; set; }

    /// <summary>E.g. "Gesprächsoffensive"; null: none.</summary>
    public string? Campaign { get; set; }

    /// <summary>The meeting point on the map, sent as a venue; null: text only.</summary>
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }

    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }

    /// <summary>How many people the shift takes; more wait on the waitlist.</summary>
    public int Slots { get; set; }

    /// <summary>Below this many 48 hours before the start, the organizer is warned and help is asked for.</summary>
    public int Minimum { get; set; }

    public long? CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? CancelledAt { get; set; }

    /// <summary>The next place in the queue of sign-ups: the first come are the first in.</summary>
    public int NextTicket { get; set; } = 1;

    /// <summary>Bumped by every change to the shift or its sign-ups, so two concurrent changes cannot both win (the
    /// last slot goes to exactly one of two presses).</summary>
    public int Version { get; set; }

    /// <summary>When the staffing was looked at, 48 hours before the start: it is looked at once.</summary>
    public DateTime? StaffingCheckedAt { get; set; }

    /// <summary>When the participants were asked for their results, after the end: they are asked once.</summary>
    public DateTime? ResultsAskedAt { get; set; }

    public bool IsCancelled => CancelledAt is not null;

    public bool AcceptsSignUpsAt(DateTime now) => !IsCancelled && now < StartsAt;

    public bool HasEndedAt(DateTime now) => EndsAt <= now;
}

/// <summary>One member signed up for a shift. Erased with the member: who was there is personal, the results
/// stay.</summary>
public sealed class ShiftSignUp
{
    public long Id { get; set; }
    public long ShiftId { get; set; }
    public long UserId { get; set; }

    /// <summary>The sign-up's place in the queue (<see cref="Shift.NextTicket"/> when it was made).</summary>
    public int Ticket { get; set; }

    public DateTime SignedUpAt { get; set; }
}

/// <summary>The ledger of shift reminders: this member got the reminder for this lead time of this shift.</summary>
public sealed class ShiftReminderRecord
{
    public long ShiftId { get; set; }
    public long UserId { get; set; }
    public int LeadMinutes { get; set; }
    public DateTime SentAt { get; set; }
}

/// <summary>What one participant reports after a shift. After the member erased their data it stays without a
/// user and without the note, as anonymous counts.</summary>
public sealed class ShiftReport
{
    public const int MaxDoors = 10_000;
    public const int MaxNoteLength = 500;

    public long Id { get; set; }
    public long ShiftId { get; set; }
    public long? UserId { get; set; }
    public int Doors { get; set; }
    public int Conversations { get; set; }
    public string? Note { get; set; }
    public DateTime ReportedAt { get; set; }
}
