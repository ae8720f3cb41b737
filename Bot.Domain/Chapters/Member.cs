namespace Bot.Domain.Chapters;

/// <summary>A person who joined a chapter (after consenting to the privacy notice) or was made admin by
/// configuration. Special-category personal data (GDPR Art. 9): shown by name only to organizers.</summary>
public sealed class Member
{
    public const int MaxNameLength = 128;

    /// <summary>The Telegram user id; also the id of the private chat with the bot.</summary>
    public long UserId { get; set; }
    public required string DisplayName { get; set; }
    public string? Username { get; set; }

    /// <summary>The language the member reads, <c>de</c> or <c>en</c>: the one they chose (<see cref="LanguageChosen"/>),
    /// else the one their Telegram app reports, kept in step with it; null when the app reports neither, for the bot's
    /// default.</summary>
    public string? Language { get; set; }

    /// <summary>True once the member chose <see cref="Language"/> themselves (/settings): their app's language no longer
    /// changes it.</summary>
    public bool LanguageChosen { get; set; }

    public DateTime JoinedAt { get; set; }

    /// <summary>When the member agreed to the privacy notice; null for admins made by configuration.</summary>
    public DateTime? ConsentedAt { get; set; }

    /// <summary>False once Telegram refused messages to the member (blocked, deleted); true again when they write.</summary>
    public bool Reachable { get; set; } = true;
}

/// <summary>A member's role in one chapter.</summary>
public sealed class Membership
{
    public long UserId { get; set; }
    public long ChapterId { get; set; }
    public Role Role { get; set; }
    public DateTime Since { get; set; }
}

/// <summary>One role change, kept as the audit log. Erasing a member leaves the change but not who it was.</summary>
public sealed class RoleChange
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public long ChapterId { get; set; }
    public long? UserId { get; set; }
    public long? ActorId { get; set; }
    public Role? OldRole { get; set; }
    public Role NewRole { get; set; }
}
