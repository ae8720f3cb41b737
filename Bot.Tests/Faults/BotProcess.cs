using System.Diagnostics;
using System.Globalization;
using Bot.Tests.Fakes;

namespace Bot.Tests.Faults;

/// <summary>The bot as operators run it, <c>dotnet Bot.dll</c> in a process of its own, pointed at the fake Bot API;
/// killed with SIGKILL, so it gets no chance to finish anything.</summary>
public sealed class BotProcess : IDisposable
{
    private readonly Process process;

    private BotProcess(Process process) => this.process = process;

    public int Id => process.Id;

    /// <summary>Starts the bot with the fake's address and token, the sending limits given and nothing scheduled;
    /// <paramref name="settings"/> (configuration keys with ':') come on top. Every line it writes goes to
    /// <paramref name="log"/>.</summary>
    public static BotProcess Start(FakeBotApi api, string folder, int maxConcurrency, int rate, IReadOnlyDictionary<string, string> settings, Action<string> log)
    {
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Telegram:BotToken"] = api.Token,
            ["Telegram:ApiBaseUrl"] = api.BaseUrl,
            ["Telegram:PollingTimeoutSeconds"] = "1",
            ["Telegram:Limits:MaxConcurrency"] = maxConcurrency.ToString(CultureInfo.InvariantCulture),
            ["Bot:Admins:0"] = "1000",
            ["Bot:QuietHours"] = "",
            ["Jobs:AutoStart"] = "false",
            ["Urls"] = "http://127.0.0.1:0",
        };
        // Above Telegram's 30 per second only as a paid broadcast, as an operator would configure it.
        if (rate > 30)
        {
            environment["Telegram:Limits:PaidBroadcast"] = "true";
            environment["Telegram:Limits:PaidBroadcastPerSecond"] = rate.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            environment["Telegram:Limits:GlobalPerSecond"] = rate.ToString(CultureInfo.InvariantCulture);
        }

        return Run(folder, environment.Concat(settings).ToList(), log);
    }

    /// <summary>Starts <c>dotnet Bot.dll</c> in <paramref name="folder"/> with exactly <paramref name="environment"/>
    /// added to this process's (keys with ':' or '__'; a later key wins over an earlier one).</summary>
    public static BotProcess Run(string folder, IReadOnlyList<KeyValuePair<string, string>> environment, Action<string> log)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Bot.dll")])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new BotProcess(process);

        void Forward(string? line)
        {
            if (line is not null)
            {
                log(line);
            }
        }
    }

    /// <summary>Whether the process ended (of itself: a crash at start, say).</summary>
    public bool HasExited => process.HasExited;

    /// <summary>SIGKILL, and waits until the process is gone.</summary>
    public async Task Kill()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }
}
