using System.ComponentModel.DataAnnotations;

namespace Bot;

/// <summary>The chapter side of the configuration (section <c>Bot</c>), as SPEC.md "Running it" lists it.</summary>
public sealed class BotOptions
{
    public const string Section = "Bot";

    /// <summary>Telegram user ids that are admins of the root chapter, made so at every start.</summary>
    public long[] Admins { get; set; } = [];

    /// <summary>Name of the root chapter created on first start.</summary>
    [Required, StringLength(64, MinimumLength = 1)]
    public string RootChapter { get; set; } = "Landesverband";

    /// <summary>IANA time zone in which all dates and times are read and shown.</summary>
    [Required]
    public string TimeZone { get; set; } = "Europe/Berlin";

    /// <summary>Language for users whose Telegram language is neither German nor English: <c>de</c> or <c>en</c>.</summary>
    [Required, RegularExpression("^(de|en)$", ErrorMessage = "Bot:DefaultLanguage must be \"de\" or \"en\".")]
    public string DefaultLanguage { get; set; } = "de";

    /// <summary>How long before an event reminders go out.</summary>
    public TimeSpan[] ReminderLeadTimes { get; set; } = [];

    /// <summary>Local time span without reminders, <c>HH:mm-HH:mm</c>; empty means none.</summary>
    [RegularExpression(@"^$|^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$", ErrorMessage = "Bot:QuietHours must look like 22:00-08:00, or be empty for none.")]
    public string QuietHours { get; set; } = "22:00-08:00";

    /// <summary>Members per transaction when reminders fan out: a crash in between resumes where it stopped.</summary>
    [Range(1, 10_000)]
    public int ReminderBatchSize { get; set; } = 500;

    /// <summary>The notice period of a chapter that has not set its own, in whole calendar days.</summary>
    [Range(0, Domain.Notices.NoticePeriod.MaxDays)]
    public int NoticePeriodDays { get; set; } = 14;

    public static TimeSpan[] DefaultLeadTimes { get; } = [TimeSpan.FromDays(1), TimeSpan.FromHours(2)];

    /// <summary>Where members and Telegram reach the bot's HTTP server (feed links); empty: the first of <c>Urls</c>.</summary>
    [RegularExpression("^$|^https?://[^/?#]+(/[^?#]*)?$", ErrorMessage = "Bot:PublicUrl must be an http(s) address such as https://bot.example.org, or empty.")]
    public string PublicUrl { get; set; } = "";
}
