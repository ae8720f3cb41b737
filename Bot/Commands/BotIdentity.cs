namespace Bot.Commands;

/// <summary>Who the bot is on Telegram (from getMe at start): its username makes deep links and tells which
/// commands in a group are meant for it.</summary>
public sealed class BotIdentity
{
    public long Id { get; set; }
    public string Username { get; set; } = "";

    public string Link(string? startPayload = null) =>
        startPayload is null ? $"https://t.me/{Username}" : $"https://t.me/{Username}?start={startPayload}";
}
