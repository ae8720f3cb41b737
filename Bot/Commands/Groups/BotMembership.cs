using Bot.Domain.Groups;
using Bot.Telegram;
using Bot.Telegram.Api;
using Bot.Telegram.Outbox;
using Bot.Texts;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bot.Commands.Groups;

/// <summary>Keeps links and deliverability right when the bot's own membership changes: added to a group, it
/// says hello and how to link it; removed from a group, the chapter loses the link and nothing more is sent
/// there; blocked or unblocked in a private chat, the member is unreachable or reachable again.</summary>
public sealed class BotMembership(GroupService groups, ChatDirectory chats, OutboxWriter outbox, TextCatalog texts, BotIdentity bot)
    : IChatEventHandler
{
    public async Task MembershipChanged(ChatMemberUpdated change, CancellationToken ct)
    {
        var chat = change.Chat;
        var was = IsIn(change.OldChatMember.Status);
        var now = IsIn(change.NewChatMember.Status);
        if (chat.IsPrivate)
        {
            if (change.NewChatMember.Status == ChatMemberStatus.Kicked)
            {
                await chats.MarkUnreachable(chat.Id, "the user blocked the bot", ct);
            }
            else if (now)
            {
                await chats.MarkReachable(chat.Id, ct);
            }

            return;
        }

        if (chat.Type is not (ChatType.Group or ChatType.Supergroup))
        {
            return; // channels cannot be linked: nothing to keep right
        }

        if (!was && now)
        {
            await Added(change, ct);
        }
        else if (was && !now)
        {
            await Removed(chat.Id, ct);
        }
    }

    private async Task Added(ChatMemberUpdated change, CancellationToken ct)
    {
        await chats.MarkReachable(change.Chat.Id, ct);
        if (!await groups.IsLinked(change.Chat.Id, ct))
        {
            outbox.Send(change.Chat.Id, texts.Html("Groups.Hello", texts.CultureFor(change.From.LanguageCode), bot.Link()));
        }
    }

    private async Task Removed(long chatId, CancellationToken ct)
    {
        await groups.BotLeft(chatId, ct);
        await chats.MarkUnreachable(chatId, "the bot was removed from the group", ct);
    }

    /// <summary>Whether the bot is in the chat with this status (restricted still counts as in).</summary>
    private static bool IsIn(ChatMemberStatus status) =>
        status is ChatMemberStatus.Creator or ChatMemberStatus.Administrator or ChatMemberStatus.Member or ChatMemberStatus.Restricted;
}
