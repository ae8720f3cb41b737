using System.Globalization;

namespace Bot.Domain.Reminders;

/// <summary>A member's own choices for reminders; a null field follows the configured default.</summary>
public sealed class MemberSettings
{
    public long UserId { get; set; }

    /// <summary>Lead times in whole minutes, comma separated ("1440,120"); null: the default; "": no reminders.</summary>
    public string? LeadTimes { get; set; }

    /// <summary><c>HH:mm-HH:mm</c>; null: the default; "": none.</summary>
    public string? QuietHours { get; set; }

    /// <summary>When the member last changed a reminder setting: reminders due before that are not caught up.</summary>
    public DateTime ChangedAt { get; set; }
}

/// <summary>The lead times a member can choose from, and how they are stored.</summary>
public static class LeadTimes
{
    public static IReadOnlyList<TimeSpan> Presets { get; } =
        [TimeSpan.FromDays(7), TimeSpan.FromDays(1), TimeSpan.FromHours(2), TimeSpan.FromHours(1)];

    public static string Format(IEnumerable<TimeSpan> leads) =>
        string.Join(",", leads.Select(l => (int)l.TotalMinutes).Distinct().OrderDescending().Select(m => m.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The stored text read back; unreadable parts are left out (the column is only written by
    /// <see cref="Format"/>).</summary>
    public static IReadOnlyList<TimeSpan> Parse(string stored) =>
        stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m > 0 ? TimeSpan.FromMinutes(m) : (TimeSpan?)null)
            .OfType<TimeSpan>().Distinct().OrderDescending().ToList();
}

/// <summary>What applies to members who chose nothing (Bot:ReminderLeadTimes, Bot:QuietHours, Bot:TimeZone), and
/// how many members one transaction of a fan-out holds.</summary>
public sealed record ReminderDefaults(IReadOnlyList<TimeSpan> LeadTimes, QuietHours QuietHours, TimeZoneInfo Zone, int BatchSize = 500)
{
    public IReadOnlyList<TimeSpan> LeadsOf(string? stored) => stored is null ? LeadTimes : Reminders.LeadTimes.Parse(stored);

    public QuietHours QuietOf(string? stored) =>
        stored is null ? QuietHours : Reminders.QuietHours.TryParse(stored, out var quiet) ? quiet : QuietHours;

    /// <summary>The defaults as one text: a plan made on other defaults (the configuration changed) is made
    /// anew.</summary>
    public string Basis { get; } = string.Join(",", LeadTimes.Select(l => (long)l.TotalMinutes)) + "|" + QuietHours + "|" + Zone.Id;

    /// <summary>The longest lead anyone can have: the window of events a sweep looks at.</summary>
    public TimeSpan MaxLead => LeadTimes.Concat(Reminders.LeadTimes.Presets).Max();
}

/// <summary>The ledger: this member got the reminder for this lead time of this event, announcing this start.</summary>
public sealed class ReminderRecord
{
    public long EventId { get; set; }
    public long UserId { get; set; }
    public int LeadMinutes { get; set; }
    public DateTime SentAt { get; set; }
    public DateTime StartsAt { get; set; }
}

/// <summary>The member pressed 🔕 on a reminder: no more reminders for this event.</summary>
public sealed class ReminderMute
{
    public long EventId { get; set; }
    public long UserId { get; set; }
    public DateTime MutedAt { get; set; }
}
