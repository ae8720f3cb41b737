using Bot.Http;
using Microsoft.Extensions.Options;

namespace Bot.Hosting;

/// <summary>The command line: <c>Bot</c> runs on Telegram, <c>Bot chat</c> runs the local chat mode.</summary>
public static class BotProgram
{
    public const int ExitConfiguration = 2;
    public const int ExitStartup = 3;

    public const string NoTokenMessage = """
        No bot token is configured (Telegram:BotToken).

        To run the bot on Telegram:
          1. Open Telegram and talk to @BotFather (https://t.me/BotFather).
          2. Send /newbot, choose a name and a username ending in "bot".
          3. Copy the token BotFather gives you and start the bot with it:
               Telegram__BotToken=123456789:AA... dotnet run --project Bot

        To try the bot without Telegram, use the local chat mode:
          dotnet run --project Bot -- chat
        """;

    public static async Task<int> Run(string[] args)
    {
        var mode = args.Length > 0 && args[0] == "chat" ? RunMode.Chat : RunMode.Telegram;
        var settings = new HostApplicationBuilderSettings
        {
            Args = mode == RunMode.Chat ? args[1..] : args,
            // appsettings.json is read from beside the program, wherever it is started from.
            ContentRootPath = AppContext.BaseDirectory,
        };
        if (mode == RunMode.Chat)
        {
            // The terminal needs no HTTP server: a second bot on the same machine must not fight over a port.
            var chat = Host.CreateApplicationBuilder(settings);
            ChatModeDefaults(chat.Configuration);
            chat.AddChapterBot(mode);
            using var chatHost = chat.Build();
            return await Run(chatHost);
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = settings.Args, ContentRootPath = settings.ContentRootPath });
        if (string.IsNullOrWhiteSpace(builder.Configuration["Telegram:BotToken"]))
        {
            await System.Console.Error.WriteLineAsync(NoTokenMessage);
            return ExitConfiguration;
        }

        if (string.IsNullOrWhiteSpace(builder.Configuration["Urls"]))
        {
            builder.WebHost.UseUrls(Http.FeedLinks.DefaultUrls);
        }

        builder.AddChapterBot(mode);
        await using var app = builder.Build();
        app.MapHttpEndpoints();
        return await Run(app);
    }

    private static async Task<int> Run(IHost host)
    {
        try
        {
            await host.RunAsync();
            return Environment.ExitCode;
        }
        catch (OptionsValidationException ex)
        {
            await System.Console.Error.WriteLineAsync("The configuration is not valid:\n  " + string.Join("\n  ", ex.Failures));
            return ExitConfiguration;
        }
        catch (StartupException ex)
        {
            await System.Console.Error.WriteLineAsync(ex.Message);
            return ExitStartup;
        }
    }

    /// <summary>The terminal stands in for Telegram: no pacing needed, logs only when something is wrong (they
    /// would break up the conversation), and someone to play the admin.</summary>
    private static void ChatModeDefaults(IConfigurationManager configuration)
    {
        var defaults = new Dictionary<string, string?>
        {
            ["Telegram:Limits:GlobalPerSecond"] = "1000",
            ["Telegram:Limits:PerChatPerSecond"] = "1000",
            ["Telegram:Limits:PerChatBurst"] = "100",
            ["Telegram:Limits:PerGroupPerMinute"] = "60000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
            // Quartz reports the scheduler being cut short at quit as an error; in a terminal session that is noise.
            ["Logging:LogLevel:Quartz"] = "Critical",
        };
        if (configuration.GetSection("Bot:Admins").GetChildren().All(c => string.IsNullOrEmpty(c.Value)))
        {
            defaults["Bot:Admins:0"] = "1000";
        }

        configuration.AddInMemoryCollection(defaults);
    }
}
