using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bot.Telegram.Api;

/// <summary>Questions the bot asks of every update, answered on Telegram.Bot's types.</summary>
public static class TelegramTypeExtensions
{
    extension(Update update)
    {
        /// <summary>The user who caused the update, when there is one.</summary>
        public User? Sender => update.Message?.From ?? update.CallbackQuery?.From ?? update.MyChatMember?.From ?? update.EditedMessage?.From;

        /// <summary>The chat the update happened in, when there is one.</summary>
        public Chat? Chat => update.Message?.Chat ?? update.CallbackQuery?.Message?.Chat ?? update.MyChatMember?.Chat ?? update.EditedMessage?.Chat;
    }

    extension(Chat chat)
    {
        public bool IsPrivate => chat.Type == ChatType.Private;
    }
}
