using System.Text.Json;
using Bot.Domain.Messaging;
using Bot.Persistence;
using Bot.Telegram.Api;
using Bot.Telegram.Rendering;
using Bot.Texts;
using Microsoft.EntityFrameworkCore;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;
using Telegram.Bot;

namespace Bot.Telegram.Outbox;

/// <summary>The one way the bot says anything: every reply, edit, callback answer and broadcast becomes a row
/// here, added to the same unit of work as the change that caused it. Nothing is sent before that commits;
/// <see cref="OutboxDispatcher"/> sends it afterwards, within Telegram's limits.</summary>
public sealed class OutboxWriter(BotDbContext db, TimeProvider clock)
{
    /// <summary>Telegram's limit for a message's text after entity parsing.</summary>
    public const int MaxTextLength = 4096;

    /// <summary>Telegram's limit for a caption after entity parsing.</summary>
    public const int MaxCaptionLength = 1024;

    /// <summary>Telegram's limit for the text of a callback answer.</summary>
    public const int MaxCallbackAnswerLength = 200;

    /// <summary>The tag of a message that must not outlive its sending: once it is settled (sent, refused or given
    /// up) <see cref="OutboxDispatcher"/> deletes its row, and its failure marks nothing about the chat. For answers
    /// about a person's own data, above all the one confirming that it was erased: that row names their chat.</summary>
    public const string EphemeralTag = "ephemeral";

    private (string Id, long? PrivateChatId)? acknowledged;

    /// <summary>Sends <paramref name="text"/> to a chat; text over 4096 characters goes as several messages split
    /// at line boundaries, the keyboard under the last one.</summary>
    public void Send(long chatId, Html text, InlineKeyboardMarkup? keyboard = null, Urgency urgency = Urgency.Interactive,
        string? tag = null, long? replyToMessageId = null)
    {
        var parts = TextSplitter.Split(text.Value, MaxTextLength);
        for (var i = 0; i < parts.Count; i++)
        {
            var last = i == parts.Count - 1;
            Add(new OutboxMessage
            {
                Kind = OutboxKind.SendMessage,
                ChatId = chatId,
                Text = parts[i],
                ReplyMarkup = last ? Serialize(keyboard) : null,
                ReplyToMessageId = i == 0 ? replyToMessageId : null,
                Urgency = urgency,
                Tag = tag,
            });
        }
    }

    /// <summary>Replaces the text (and keyboard) of a message the bot sent. An edit cannot grow into two
    /// messages, so text over the limit is cut at a line boundary.</summary>
    public void Edit(long chatId, long messageId, Html text, InlineKeyboardMarkup? keyboard = null,
        Urgency urgency = Urgency.Interactive, string? tag = null)
    {
        var parts = TextSplitter.Split(text.Value, MaxTextLength);
        if (parts.Count == 0)
        {
            return;
        }

        Add(new OutboxMessage
        {
            Kind = OutboxKind.EditMessageText,
            ChatId = chatId,
            MessageId = messageId,
            Text = parts[0],
            ReplyMarkup = Serialize(keyboard),
            Urgency = urgency,
            Tag = tag,
        });
    }

    /// <summary>Replaces only the keyboard of a message; null removes it.</summary>
    public void EditKeyboard(long chatId, long messageId, InlineKeyboardMarkup? keyboard, Urgency urgency = Urgency.Interactive) =>
        Add(new OutboxMessage
        {
            Kind = OutboxKind.EditReplyMarkup,
            ChatId = chatId,
            MessageId = messageId,
            ReplyMarkup = Serialize(keyboard),
            Urgency = urgency,
        });

    /// <summary>The press being applied was answered already (<see cref="Updates.CallbackAcknowledger"/>), and Telegram
    /// takes one answer per press: its confirmation is not sent; an alert, which says something went otherwise than
    /// the member meant, comes as a message when the press was in their private chat.</summary>
    public void AcknowledgedBefore(string callbackQueryId, long? privateChatId) => acknowledged = (callbackQueryId, privateChatId);

    /// <summary>Answers a button press: the small notice the user sees at the top of the chat (or an alert).</summary>
    public void AnswerCallback(string callbackQueryId, string? text = null, bool showAlert = false)
    {
        if (acknowledged is { } given && given.Id == callbackQueryId)
        {
            if (showAlert && text is not null && given.PrivateChatId is { } chatId)
            {
                Send(chatId, Html.Text(text));
            }

            return;
        }

        Add(new OutboxMessage
        {
            Kind = OutboxKind.AnswerCallbackQuery,
            CallbackQueryId = callbackQueryId,
            Text = text is null ? null : TextCut.Shorten(text, MaxCallbackAnswerLength),
            ShowAlert = showAlert,
            Urgency = Urgency.Interactive,
        });
    }

    /// <summary>Sends a text file, e.g. an export; the caption is HTML of at most 1024 characters.</summary>
    public void SendDocument(long chatId, string fileName, string content, Html? caption = null, Urgency urgency = Urgency.Interactive,
        string? tag = null) =>
        Add(new OutboxMessage
        {
            Kind = OutboxKind.SendDocument,
            ChatId = chatId,
            DocumentName = fileName,
            Text = content,
            Caption = caption?.Value is { } c ? TextSplitter.Split(c, MaxCaptionLength).FirstOrDefault() : null,
            Urgency = urgency,
            Tag = tag,
        });

    /// <summary>Sets the command menu a chat shows (e.g. after a role change).</summary>
    public void SetCommands(long chatId, IReadOnlyList<BotCommand> commands, string? languageCode = null, string? tag = null) =>
        Add(new OutboxMessage
        {
            Kind = OutboxKind.SetCommands,
            ChatId = chatId,
            Text = JsonSerializer.Serialize(new CommandMenuPayload(commands, languageCode), JsonBotAPI.Options),
            Urgency = Urgency.Interactive,
            Tag = tag,
        });

    /// <summary>Sets the command menu one member sees in one group chat (Telegram's chat_member scope).</summary>
    public void SetMemberCommands(long groupChatId, long userId, IReadOnlyList<BotCommand> commands, string? tag = null) =>
        Add(new OutboxMessage
        {
            Kind = OutboxKind.SetCommands,
            ChatId = groupChatId,
            Text = JsonSerializer.Serialize(new CommandMenuPayload(commands, null, userId), JsonBotAPI.Options),
            Urgency = Urgency.Interactive,
            Tag = tag,
        });

    /// <summary>Sends a map pin with a title and an address (a shift's meeting point).</summary>
    public void SendVenue(long chatId, double latitude, double longitude, string title, string address, Urgency urgency = Urgency.Interactive) =>
        Add(new OutboxMessage
        {
            Kind = OutboxKind.SendVenue,
            ChatId = chatId,
            Text = JsonSerializer.Serialize(new VenuePayload(latitude, longitude, title, address)),
            Urgency = urgency,
        });

    public void Delete(long chatId, long messageId) =>
        Add(new OutboxMessage
        {
            Kind = OutboxKind.DeleteMessage,
            ChatId = chatId,
            MessageId = messageId,
            Urgency = Urgency.Interactive,
        });

    /// <summary>Where the sent messages with this tag went (only those in <paramref name="inChat"/> when given), each
    /// copy once: what an edit of the copies edits.</summary>
    public async Task<IReadOnlyList<(long ChatId, long MessageId)>> SentCopies(string tag, CancellationToken ct, long? inChat = null) =>
        (await (inChat is { } chat ? SentCopiesInChat.For(db)(db, tag, chat) : AllSentCopies.For(db)(db, tag)).ToListAsync(ct))
            .Select(c => (c.ChatId, c.MessageId))
            .ToList();

    // Compiled: a press asks for the copies in its chat, and translating the query again cost as much as running it.
    private static readonly PerModel<Func<BotDbContext, string, long, IAsyncEnumerable<SentCopy>>> SentCopiesInChat = new(() =>
        EF.CompileAsyncQuery((BotDbContext db, string tag, long chat) =>
            db.Outbox
                .Where(o => o.Tag == tag && o.Kind == OutboxKind.SendMessage && o.Status == OutboxStatus.Sent && o.SentMessageId != null && o.ChatId == chat)
                .Select(o => new SentCopy { ChatId = o.ChatId!.Value, MessageId = o.SentMessageId!.Value })
                .Distinct()));

    private static readonly PerModel<Func<BotDbContext, string, IAsyncEnumerable<SentCopy>>> AllSentCopies = new(() =>
        EF.CompileAsyncQuery((BotDbContext db, string tag) =>
            db.Outbox
                .Where(o => o.Tag == tag && o.Kind == OutboxKind.SendMessage && o.Status == OutboxStatus.Sent && o.SentMessageId != null && o.ChatId != null)
                .Select(o => new SentCopy { ChatId = o.ChatId!.Value, MessageId = o.SentMessageId!.Value })
                .Distinct()));

    private sealed class SentCopy
    {
        public long ChatId { get; init; }
        public long MessageId { get; init; }
    }

    /// <summary>The tag of a message whose keyboard was withdrawn before it was recorded as sent: it may be on its way
    /// with the keyboard, which <see cref="WithdrawnKeyboards"/> then takes off.</summary>
    public const string WithdrawnKeyboardTag = "keyboard-withdrawn";

    /// <summary>Takes the keyboards off the messages with this tag: a sent one is edited, one still waiting goes
    /// without. The tag is let go of, so the next call finds only the messages tagged since.</summary>
    public async Task RemoveKeyboards(string tag, CancellationToken ct)
    {
        var rows = await db.Outbox
            .Where(o => o.Tag == tag && o.Kind == OutboxKind.SendMessage && o.ReplyMarkup != null
                && (o.Status == OutboxStatus.Pending || (o.Status == OutboxStatus.Sent && o.SentMessageId != null && o.ChatId != null)))
            .ToListAsync(ct);
        // The database still has the tags this unit of work let go of but has not saved yet.
        foreach (var row in rows.Where(r => r.Tag == tag))
        {
            if (row.Status == OutboxStatus.Sent)
            {
                EditKeyboard(row.ChatId!.Value, row.SentMessageId!.Value, null);
            }
            else
            {
                row.ReplyMarkup = null;
                row.Tag = WithdrawnKeyboardTag;
                continue;
            }

            row.Tag = null;
        }
    }

    private void Add(OutboxMessage message)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        message.Status = OutboxStatus.Pending;
        message.CreatedAt = now;
        message.NotBefore = now;
        db.Outbox.Add(message);
    }

    private static string? Serialize(InlineKeyboardMarkup? keyboard) =>
        keyboard is null ? null : JsonSerializer.Serialize(keyboard, JsonBotAPI.Options);
}

/// <summary>A venue as the outbox keeps it until it is sent.</summary>
public sealed record VenuePayload(double Latitude, double Longitude, string Title, string Address);

/// <summary>A command menu as the outbox keeps it until it is sent.</summary>
/// <param name="UserId">Set for one member's menu in the group <c>ChatId</c>; null for the chat's own menu.</param>
public sealed record CommandMenuPayload(IReadOnlyList<BotCommand> Commands, string? LanguageCode, long? UserId = null);
