using System.Text;
using System.Text.Json;
using Bot.Domain.Messaging;
using Bot.Telegram.Api;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;
using Telegram.Bot;

namespace Bot.Telegram.Outbox;

/// <summary>Turns one outbox row into its Bot API call and the answer into a <see cref="SendOutcome"/>. Never
/// throws but for cancellation: a bug or a lost connection comes back as a network error, so the row is tried
/// again later.</summary>
public sealed class OutboxSender(IBotApi api, TimeProvider clock, IOptions<OutboxOptions> options)
{
    private readonly bool paidBroadcast = options.Value.PaidBroadcast;

    public async Task<SendOutcome> Send(OutboxMessage row, CancellationToken ct)
    {
        var started = clock.GetUtcNow();
        try
        {
            var (error, messageId) = await Call(row, ct);
            return new SendOutcome(error, messageId, started, clock.GetUtcNow());
        }
        catch (Exception ex)
        {
            return new SendOutcome(new BotApiError(BotApiErrorKind.Network, 0, ex.GetType().Name), null, started, clock.GetUtcNow());
        }
    }

    private async Task<(BotApiError? Error, long? MessageId)> Call(OutboxMessage row, CancellationToken ct)
    {
        var markup = row.ReplyMarkup is null ? null : JsonSerializer.Deserialize<InlineKeyboardMarkup>(row.ReplyMarkup, JsonBotAPI.Options);
        switch (row.Kind)
        {
            case OutboxKind.SendMessage:
                var sent = await api.SendMessage(new OutgoingMessage(row.ChatId!.Value, row.Text!)
                {
                    ReplyMarkup = markup,
                    ReplyToMessageId = row.ReplyToMessageId,
                    AllowPaidBroadcast = paidBroadcast && row.Urgency != Urgency.Interactive,
                }, ct);
                return (sent.Error, sent.Value?.MessageId);
            case OutboxKind.EditMessageText:
                var edited = await api.EditMessageText(new MessageEdit(row.ChatId!.Value, row.MessageId!.Value, row.Text!) { ReplyMarkup = markup }, ct);
                return (edited.Error, row.MessageId);
            case OutboxKind.EditReplyMarkup:
                var marked = await api.EditMessageReplyMarkup(row.ChatId!.Value, row.MessageId!.Value, markup, ct);
                return (marked.Error, row.MessageId);
            case OutboxKind.AnswerCallbackQuery:
                var answered = await api.AnswerCallbackQuery(row.CallbackQueryId!, row.Text, row.ShowAlert, ct);
                return (answered.Error, null);
            case OutboxKind.SendDocument:
                var document = await api.SendDocument(row.ChatId!.Value, row.DocumentName ?? "file.txt", Encoding.UTF8.GetBytes(row.Text ?? ""), row.Caption, ct);
                return (document.Error, document.Value?.MessageId);
            case OutboxKind.SendVenue:
                var venue = JsonSerializer.Deserialize<VenuePayload>(row.Text!)!;
                var pinned = await api.SendVenue(row.ChatId!.Value, venue.Latitude, venue.Longitude, venue.Title, venue.Address, ct);
                return (pinned.Error, pinned.Value?.MessageId);
            case OutboxKind.SetCommands:
                var menu = JsonSerializer.Deserialize<CommandMenuPayload>(row.Text!, JsonBotAPI.Options)!;
                // A member's own menu in a group (their role there), or the chat's menu for everyone in it.
                BotCommandScope scope = menu.UserId is { } member ? BotCommandScope.ChatMember(row.ChatId!.Value, member) : BotCommandScope.Chat(row.ChatId!.Value);
                var set = await api.SetMyCommands(menu.Commands, scope, menu.LanguageCode, ct);
                return (set.Error, null);
            case OutboxKind.DeleteMessage:
                var deleted = await api.DeleteMessage(row.ChatId!.Value, row.MessageId!.Value, ct);
                return (deleted.Error, null);
            default:
                return (new BotApiError(BotApiErrorKind.BadRequest, 0, $"unknown outbox kind {row.Kind}"), null);
        }
    }
}
