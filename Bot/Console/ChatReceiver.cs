using Bot.Persistence;
using Bot.Telegram.Outbox;
using Bot.Telegram.Updates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;

namespace Bot.Console;

/// <summary>The update source of the local chat mode: each typed line becomes the update Telegram would have
/// sent (a message, or a button press for <c>#N</c>), handled by the same <see cref="IUpdateHandler"/> as in
/// production. A few lines of its own switch who is typing and where.</summary>
public sealed class ChatReceiver(
    ChatTerminal terminal,
    IUpdateHandler handler,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<BotOptions> options,
    IHostApplicationLifetime lifetime) : BackgroundService
{
    private static readonly TimeSpan DrainWait = TimeSpan.FromSeconds(5);
    private int nextUpdateId;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        terminal.Seed(options.Value.Admins.FirstOrDefault(1000));
        nextUpdateId = await FirstFreeUpdateId(stoppingToken);
        await LearnNames(stoppingToken);
        terminal.Line("""

            Local chat mode: the bot as it runs on Telegram, in this terminal.
              /as <name>         switch who is typing (admin, alice, bob, or any new name)
              /in group          write in the chapter's group chat; /in private to go back
              #<number>          press that button of the latest message with buttons (#1, #2, …);
                                 a bare number is text, e.g. the answer to "how many spots?"
              /quit              leave (so does Ctrl+D)
            Everything else goes to the bot as you typed it. Try /help.
            """);
        terminal.Line($"You are typing as {terminal.Current.FirstName} (id {terminal.Current.Id}), an admin.");
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                terminal.Write(terminal.Prompt);
                var line = await terminal.Input.ReadLineAsync(stoppingToken);
                if (line is null || line.Trim() is "/quit" or "/exit")
                {
                    break;
                }

                await Take(line.Trim(), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        terminal.Line("Bye.");
        lifetime.StopApplication();
    }

    private async Task Take(string line, CancellationToken ct)
    {
        if (line.Length == 0)
        {
            return;
        }

        if (line.StartsWith("/as ", StringComparison.OrdinalIgnoreCase) && line[4..].Trim() is { Length: > 0 } who)
        {
            var user = terminal.SwitchTo(who);
            terminal.Line($"Now typing as {user.FirstName} (id {user.Id}).");
            return;
        }

        if (line.StartsWith("/in ", StringComparison.OrdinalIgnoreCase))
        {
            terminal.SwitchChat(line[4..].Trim().Equals("group", StringComparison.OrdinalIgnoreCase));
            terminal.Line(terminal.InGroup ? "Now writing in the group chat." : "Now writing in the private chat.");
            return;
        }

        var chat = terminal.CurrentChat;
        var date = clock.GetUtcNow().UtcDateTime;
        var id = nextUpdateId++;
        var number = ChatTerminal.ButtonNumber(line);
        var button = number is { } n ? terminal.Button(n) : null;
        if (number is not null && button is null)
        {
            terminal.Line($"There is no button {line} under the latest message with buttons here; type #1, #2, … as shown.");
            return;
        }

        var update = button is { } pressed
            ? new Update
            {
                Id = id,
                CallbackQuery = new CallbackQuery
                {
                    Id = $"local-{id}",
                    From = terminal.Current,
                    Data = pressed.Data,
                    Message = new Message { Id = pressed.MessageId, Chat = chat, Date = date },
                    ChatInstance = chat.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
            }
            : new Update
            {
                Id = id,
                Message = new Message { Id = id, Chat = chat, Date = date, From = terminal.Current, Text = line },
            };
        await handler.Handle(update, ct);
        await Drained(ct);
        await LearnNames(ct);
    }

    /// <summary>The names of the people and linked groups the bot knows, so what it sends is printed with them, also
    /// after a restart and for people nobody has switched to yet.</summary>
    private async Task LearnNames(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        foreach (var member in await db.Members.AsNoTracking().Select(m => new { m.UserId, m.DisplayName, m.Username }).ToListAsync(ct))
        {
            terminal.Remember(member.UserId, member.DisplayName, member.Username);
        }

        foreach (var chapter in await db.Chapters.AsNoTracking().Where(c => c.GroupChatId != null).Select(c => new { c.GroupChatId, c.Name }).ToListAsync(ct))
        {
            terminal.NameChat(chapter.GroupChatId!.Value, chapter.Name);
        }
    }

    /// <summary>Waits until the bot has said everything it is going to say, so the next prompt comes after it.</summary>
    private async Task Drained(CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        while (clock.GetElapsedTime(started) < DrainWait)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            if (!await db.Outbox.AnyAsync(o => o.Status == OutboxStatus.Pending, ct))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), clock, ct);
        }
    }

    private async Task<int> FirstFreeUpdateId(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        return (int)(await db.ProcessedUpdates.MaxAsync(p => (long?)p.UpdateId, ct) ?? 0) + 1;
    }
}
