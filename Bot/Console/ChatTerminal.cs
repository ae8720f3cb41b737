using Bot.Telegram.Rendering;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Console;

/// <summary>The terminal of the local chat mode: who is typing, in which chat, and what the bot has shown there,
/// so <c>#N</c> can press a button of the latest message that has buttons. A bare number is text, as in
/// Telegram: it answers a question such as "how many spots?".</summary>
public sealed class ChatTerminal(TextReader input, TextWriter output)
{
    /// <summary>The id of the group chat the terminal can switch into (groups have negative ids).</summary>
    public const long GroupChatId = -1001;

    private readonly Lock gate = new();
    private readonly Dictionary<string, User> personas = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, List<Shown>> shown = [];
    private readonly Dictionary<long, string> chatNames = [];
    private int nextMessageId = 1;

    public ChatTerminal()
        : this(System.Console.In, System.Console.Out)
    {
    }

    public TextReader Input => input;

    public User Current { get; private set; } = Person(1000, "Admin", null, null);

    public bool InGroup { get; private set; }

    public Chat CurrentChat => InGroup
        ? new Chat { Id = GroupChatId, Type = ChatType.Supergroup, Title = "Chapter group" }
        : new Chat { Id = Current.Id, Type = ChatType.Private, FirstName = Current.FirstName };

    /// <summary>Makes the first typist an admin (the first id of Bot:Admins) and adds two members to play. Only Bob's
    /// Telegram reports a language (English); the others read what they chose in /settings, else Bot:DefaultLanguage.</summary>
    public void Seed(long adminId)
    {
        lock (gate)
        {
            personas["admin"] = Current = Person(adminId, "Admin", "admin", null);
            personas["alice"] = Person(adminId + 1, "Alice", "alice", null);
            personas["bob"] = Person(adminId + 2, "Bob", "bob", "en");
        }
    }

    /// <summary>A person the bot already knows (from an earlier run), so <c>/as</c> with their name is them again
    /// and what the bot sends them is printed with their name.</summary>
    public void Remember(long userId, string name, string? username)
    {
        lock (gate)
        {
            chatNames[userId] = name;
            var key = username ?? name.Split(' ')[0];
            if (!personas.Values.Any(p => p.Id == userId) && !personas.ContainsKey(key))
            {
                personas[key] = Person(userId, name.Split(' ')[0], username, null);
            }
        }
    }

    /// <summary>The name a chat is printed with: a group by its chapter's name.</summary>
    public void NameChat(long chatId, string name)
    {
        lock (gate)
        {
            chatNames[chatId] = name;
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
                user = Person(id, name, long.TryParse(who, out _) ? null : who.ToLowerInvariant(), null);
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

    /// <summary>The number of a button press typed as <c>#N</c>; null for anything else, which is text.</summary>
    public static int? ButtonNumber(string line) =>
        line.Length > 1 && line[0] == '#' && int.TryParse(line.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    /// <summary>The button numbered <paramref name="number"/> (from 1) under the latest message with buttons in the
    /// current chat, with that message.</summary>
    public (int MessageId, string Data)? Button(int number)
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
            return Sent(chatId, message);
        }
    }

    /// <summary>Replaces a message shown before; null when the chat shows no such message.</summary>
    public Message? Edit(long chatId, int messageId, string? html, InlineKeyboardMarkup? keyboard)
    {
        lock (gate)
        {
            var list = shown.GetValueOrDefault(chatId);
            var index = list?.FindIndex(m => m.MessageId == messageId) ?? -1;
            if (index < 0)
            {
                return null;
            }

            var old = list![index];
            var updated = new Shown(messageId, html ?? old.Html, Flatten(keyboard));
            list[index] = updated;
            Print(chatId, updated, edited: true);
            return Sent(chatId, updated);
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
        var where = chatId == GroupChatId
            ? chatNames.TryGetValue(chatId, out var chapter) ? $"group {chapter}" : "group"
            : chatNames.GetValueOrDefault(chatId) ?? personas.Values.FirstOrDefault(p => p.Id == chatId)?.FirstName ?? $"chat {chatId}";
        output.WriteLine();
        output.WriteLine($"┌ bot → {where}{(edited ? " (edited message)" : "")}");
        foreach (var line in Html.Visible(message.Html).Split('\n'))
        {
            output.WriteLine($"│ {line}");
        }

        for (var i = 0; i < message.Buttons.Count; i++)
        {
            output.WriteLine($"│   [#{i + 1}] {message.Buttons[i].Text}{(message.Buttons[i].Url is { } url ? $" ({url})" : "")}");
        }

        output.WriteLine("└");
        output.Flush();
    }

    private static User Person(long id, string name, string? username, string? language) =>
        new() { Id = id, FirstName = name, Username = username, LanguageCode = language };

    private static Message Sent(long chatId, Shown message) => new()
    {
        Id = message.MessageId,
        Chat = new Chat { Id = chatId, Type = chatId < 0 ? ChatType.Supergroup : ChatType.Private },
        Text = Html.Visible(message.Html),
    };

    private static List<InlineKeyboardButton> Flatten(InlineKeyboardMarkup? keyboard) =>
        keyboard?.InlineKeyboard.SelectMany(row => row).ToList() ?? [];

    private sealed record Shown(int MessageId, string Html, List<InlineKeyboardButton> Buttons);
}
