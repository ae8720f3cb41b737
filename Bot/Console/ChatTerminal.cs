using Bot.Telegram.Api;
using Bot.Telegram.Rendering;

namespace Bot.Console;

/// <summary>The terminal of the local chat mode: who is typing, in which chat, and what the bot has shown there,
/// so a typed number can press a button of the latest message that has buttons.</summary>
public sealed class ChatTerminal(TextReader input, TextWriter output)
{
    /// <summary>The id of the group chat the terminal can switch into (groups have negative ids).</summary>
    public const long GroupChatId = -1001;

    private readonly Lock gate = new();
    private readonly Dictionary<string, User> personas = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, List<Shown>> shown = [];
    private long nextMessageId = 1;

    public ChatTerminal()
        : this(System.Console.In, System.Console.Out)
    {
    }

    public TextReader Input => input;

    public User Current { get; private set; } = new(1000, false, "Admin") { LanguageCode = "de" };

    public bool InGroup { get; private set; }

    public Chat CurrentChat => InGroup
        ? new Chat(GroupChatId, "supergroup") { Title = "Chapter group" }
        : new Chat(Current.Id, "private") { FirstName = Current.FirstName };

    /// <summary>Makes the first typist an admin (the first id of Bot:Admins) and adds two members to play.</summary>
    public void Seed(long adminId)
    {
        lock (gate)
        {
            personas["admin"] = Current = new User(adminId, false, "Admin") { Username = "admin", LanguageCode = "de" };
            personas["alice"] = new User(adminId + 1, false, "Alice") { Username = "alice", LanguageCode = "de" };
            personas["bob"] = new User(adminId + 2, false, "Bob") { Username = "bob", LanguageCode = "en" };
        }
    }

    /// <summary>Switches who is typing: a known name, a new name (a new person), or a numeric id.</summary>
    public User SwitchTo(string who)
    {
        lock (gate)
        {
            if (!personas.TryGetValue(who, out var user))
            {
                var id = long.TryParse(who, out var n) && n > 0 ? n : personas.Values.Max(p => p.Id) + 1;
                var name = long.TryParse(who, out _) ? $"User {id}" : char.ToUpperInvariant(who[0]) + who[1..];
                user = new User(id, false, name) { Username = long.TryParse(who, out _) ? null : who.ToLowerInvariant(), LanguageCode = "de" };
                personas[who] = user;
            }

            Current = user;
            return user;
        }
    }

    public void SwitchChat(bool group)
    {
        lock (gate)
        {
            InGroup = group;
        }
    }

    public string Prompt => $"{Current.FirstName}{(InGroup ? " @group" : "")}> ";

    /// <summary>The button numbered <paramref name="number"/> (from 1) under the latest message with buttons in the
    /// current chat, with that message.</summary>
    public (long MessageId, string Data)? Button(int number)
    {
        lock (gate)
        {
            if (!shown.TryGetValue(CurrentChat.Id, out var messages))
            {
                return null;
            }

            var latest = messages.LastOrDefault(m => m.Buttons.Count > 0);
            return latest is not null && number >= 1 && number <= latest.Buttons.Count && latest.Buttons[number - 1].CallbackData is { } data
                ? (latest.MessageId, data)
                : null;
        }
    }

    public Message Show(long chatId, string html, InlineKeyboardMarkup? keyboard)
    {
        lock (gate)
        {
            var message = new Shown(nextMessageId++, html, Flatten(keyboard));
            if (!shown.TryGetValue(chatId, out var list))
            {
                shown[chatId] = list = [];
            }

            list.Add(message);
            Print(chatId, message, edited: false);
            return new Message(message.MessageId, new Chat(chatId, chatId < 0 ? "supergroup" : "private"), 0) { Text = Html.Visible(html) };
        }
    }

    public bool Edit(long chatId, long messageId, string? html, InlineKeyboardMarkup? keyboard)
    {
        lock (gate)
        {
            var list = shown.GetValueOrDefault(chatId);
            var index = list?.FindIndex(m => m.MessageId == messageId) ?? -1;
            if (index < 0)
            {
                return false;
            }

            var old = list![index];
            var updated = new Shown(messageId, html ?? old.Html, Flatten(keyboard));
            list[index] = updated;
            Print(chatId, updated, edited: true);
            return true;
        }
    }

    public void Notice(string text)
    {
        lock (gate)
        {
            output.WriteLine($"  ⓘ {text}");
        }
    }

    public void Line(string text)
    {
        lock (gate)
        {
            output.WriteLine(text);
        }
    }

    public void Write(string text)
    {
        lock (gate)
        {
            output.Write(text);
            output.Flush();
        }
    }

    private void Print(long chatId, Shown message, bool edited)
    {
        var where = chatId == GroupChatId ? "group" : personas.Values.FirstOrDefault(p => p.Id == chatId)?.FirstName ?? $"chat {chatId}";
        output.WriteLine();
        output.WriteLine($"┌ bot → {where}{(edited ? " (edited message)" : "")}");
        foreach (var line in Html.Visible(message.Html).Split('\n'))
        {
            output.WriteLine($"│ {line}");
        }

        for (var i = 0; i < message.Buttons.Count; i++)
        {
            output.WriteLine($"│   [{i + 1}] {message.Buttons[i].Text}{(message.Buttons[i].Url is { } url ? $" ({url})" : "")}");
        }

        output.WriteLine("└");
        output.Flush();
    }

    private static List<InlineKeyboardButton> Flatten(InlineKeyboardMarkup? keyboard) =>
        keyboard?.InlineKeyboard.SelectMany(row => row).ToList() ?? [];

    private sealed record Shown(long MessageId, string Html, List<InlineKeyboardButton> Buttons);
}
