using Telegram.Bot.Types;

namespace Bot.Telegram.Updates;

/// <summary>Text as it comes in, made storable everywhere: the NUL character and half of an emoji (a UTF-16 surrogate
/// without its pair) become U+FFFD. PostgreSQL refuses both in text, so an update quoting them back failed whole and its
/// sender got an apology; SQLite stored them and sent Telegram a broken character. One character for one, so the
/// offsets of the message's entities (a command, a mention) still point where they did.</summary>
public static class UpdateText
{
    private const char Replacement = '\uFFFD';

    /// <summary>Cleans, in place, the texts of the update that the bot reads or stores: what was typed or pressed, and
    /// the names of the people and chats involved.</summary>
    public static void Clean(Update update)
    {
        ArgumentNullException.ThrowIfNull(update);
        Clean(update.Message);
        Clean(update.EditedMessage);
        if (update.CallbackQuery is { } query)
        {
            query.Data = Clean(query.Data);
            Clean(query.From);
            Clean(query.Message);
        }

        if (update.MyChatMember is { } change)
        {
            Clean(change.From);
            Clean(change.Chat);
        }
    }

    /// <summary>The text with NUL and unpaired surrogates replaced; the same instance when there are none.</summary>
    public static string? Clean(string? text)
    {
        if (text is null || !NeedsCleaning(text))
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (chars[i] == '\0' || char.IsSurrogate(chars[i]))
            {
                chars[i] = Replacement;
            }
        }

        return new string(chars);
    }

    private static bool NeedsCleaning(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (text[i] == '\0' || char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static void Clean(Message? message)
    {
        if (message is null)
        {
            return;
        }

        message.Text = Clean(message.Text);
        message.Caption = Clean(message.Caption);
        Clean(message.From);
        Clean(message.Chat);
    }

    private static void Clean(User? user)
    {
        if (user is null)
        {
            return;
        }

        user.FirstName = Clean(user.FirstName)!;
        user.LastName = Clean(user.LastName);
        user.Username = Clean(user.Username);
    }

    private static void Clean(Chat? chat)
    {
        if (chat is null)
        {
            return;
        }

        chat.Title = Clean(chat.Title);
        chat.FirstName = Clean(chat.FirstName);
        chat.LastName = Clean(chat.LastName);
        chat.Username = Clean(chat.Username);
    }
}
