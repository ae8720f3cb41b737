using Bot.Commands;
using Bot.Telegram.Api;

namespace Bot.Hosting;

/// <summary>Raised when the bot cannot start for a reason the operator must fix; Program prints its message
/// without a stack trace.</summary>
public sealed class StartupException(string message) : Exception(message);

/// <summary>Learns who the bot is (getMe) before anything answers users, then publishes the command menus. A
/// rejected token stops the start with a clear message; a network problem is waited out.</summary>
public sealed partial class BotStartup(IBotApi api, BotIdentity identity, CommandMenuPublisher menus, TimeProvider clock, ILogger<BotStartup> log)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var me = await api.GetMe(cancellationToken);
            if (me.Value is { } user)
            {
                identity.Id = user.Id;
                identity.Username = user.Username ?? "";
                LogStarted(identity.Username);
                break;
            }

            if (me.Error?.Kind == BotApiErrorKind.Unauthorized)
            {
                throw new StartupException(
                    "Telegram rejected the bot token (Telegram:BotToken). Copy it again from @BotFather (/mybots → API Token); "
                    + "if it was revoked, generate a new one there.");
            }

            var wait = TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, Math.Min(attempt, 6))));
            LogWaiting(me.Error?.ToString() ?? "no answer", (int)wait.TotalSeconds);
            await Task.Delay(wait, clock, cancellationToken);
        }

        await menus.Publish(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Running as @{Username}")]
    private partial void LogStarted(string username);

    [LoggerMessage(LogLevel.Warning, "Cannot reach the Bot API yet ({Error}); trying again in {Seconds} s")]
    private partial void LogWaiting(string error, int seconds);
}
