using System.Security.Cryptography;

namespace Bot.Domain.Chapters;

/// <summary>An invitation into a chapter, used through the deep link <c>t.me/bot?start=join_CODE</c>.</summary>
public sealed class Invite
{
    /// <summary>Deep-link payloads are at most 64 characters of A-Za-z0-9_-.</summary>
    public const string PayloadPrefix = "join_";

    public long Id { get; set; }
    public required string Code { get; set; }
    public long ChapterId { get; set; }
    public long? CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public int MaxUses { get; set; }
    public int Uses { get; set; }
    public DateTime? RevokedAt { get; set; }

    public string Payload => PayloadPrefix + Code;

    public InviteState StateAt(DateTime now) =>
        RevokedAt is not null ? InviteState.Revoked
        : now >= ExpiresAt ? InviteState.Expired
        : Uses >= MaxUses ? InviteState.UsedUp
        : InviteState.Valid;

    /// <summary>A new code: 96 random bits as 16 URL-safe characters, far beyond guessing.</summary>
    public static string NewCode()
    {
        Span<byte> bytes = stackalloc byte[12];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
    }

    /// <summary>True for text that can be a code at all; anything else is refused before the database is asked.</summary>
    public static bool LooksLikeCode(string? code) =>
        code is { Length: 16 } && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

public enum InviteState
{
    Valid,
    Expired,
    UsedUp,
    Revoked,
    Unknown,
}
