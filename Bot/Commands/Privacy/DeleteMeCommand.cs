using Bot.Commands.Callbacks;
using Bot.Domain.Chapters;
using Bot.Domain.Privacy;
using Bot.Telegram.Api;
using Bot.Telegram.Outbox;
using Bot.Telegram.Rendering;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Privacy;

/// <summary>/deleteme: says what would be erased and what would remain, and asks for a button press
/// (<see cref="DeleteMeConfirmation"/>). Anyone may ask; someone about whom nothing is stored is told so. An open
/// dialog stays open until the erasure: cancelling must leave everything as it was.</summary>
public sealed class DeleteMeCommand(IEnumerable<IPersonalDataHolder> holders) : IBotCommand, IKeepsDialog
{
    public string Name => "deleteme";

    public Access Access => Access.Anyone;

    public ChatKinds Chats => ChatKinds.Private;

    public async Task Run(ChatContext ctx, CancellationToken ct)
    {
        var sections = await PersonalDataExport.Collect(holders, ctx.From.Id, ct);
        if (sections.Count == 0)
        {
            ctx.Outbox.Send(ctx.ReplyChatId, ctx.T("Privacy.NothingStored"), tag: OutboxWriter.EphemeralTag);
            return;
        }

        var keyboard = new InlineKeyboardMarkup(
        [
            [DeleteMeConfirmation.Button(ctx.Plain("Privacy.DeleteMe.Confirm"), DeleteMeConfirmation.Yes)],
            [DeleteMeConfirmation.Button(ctx.Plain("Privacy.DeleteMe.Cancel"), DeleteMeConfirmation.No)],
        ]);
        var membershipEnds = ctx.Permissions.IsMember ? ctx.T("Privacy.DeleteMe.MembershipEnds") : Html.Raw("");
        ctx.Outbox.Send(ctx.ReplyChatId, ctx.T("Privacy.DeleteMe.Warning", PersonalDataExport.SectionList(ctx, sections), membershipEnds),
            keyboard, tag: OutboxWriter.EphemeralTag);
    }
}

/// <summary>The buttons under the /deleteme warning. The press erases the data of the person who pressed, in
/// their own private chat; the button carries no user id, so no press can erase anyone else.</summary>
public sealed class DeleteMeConfirmation(IEnumerable<IPersonalDataHolder> holders, IEnumerable<IBotCommand> commands) : ICallbackHandler
{
    public const string RouteKey = "del";
    public const string Yes = "yes";
    public const string No = "no";

    /// <summary>A warning older than this is not acted on: the person may no longer mean it.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(1);

    public string Route => RouteKey;

    public Access Access => Access.Anyone;

    public static InlineKeyboardButton Button(string label, string answer) =>
        new(label) { CallbackData = CallbackCodec.Encode(CallbackData.Of(RouteKey, answer)) };

    public async Task Handle(CallbackContext ctx, CallbackData data, CancellationToken ct)
    {
        if (!ctx.IsPrivate || ctx.Chat.Id != ctx.From.Id || ctx.Message is not { } message || data.ArgumentCount != 1)
        {
            ctx.Answer(ctx.Plain("Callback.Stale"));
            return;
        }

        switch (data.Token(0))
        {
            case No:
                Settle(ctx, message, ctx.T("Privacy.DeleteMe.Cancelled"));
                ctx.Answer();
                break;
            case Yes when ctx.Clock.GetUtcNow().UtcDateTime - message.Date > MaxAge:
                Settle(ctx, message, ctx.T("Privacy.DeleteMe.Expired"));
                ctx.Answer(ctx.Plain("Privacy.DeleteMe.Expired"));
                break;
            case Yes:
                // One unit of work: everything goes, or (if anything fails) nothing does and the user may press again.
                foreach (var holder in holders)
                {
                    await holder.Erase(ctx.From.Id, ct);
                }

                // An organizer's or admin's own menu goes back to what anyone has; ephemeral, like the reply.
                CommandMenuPublisher.PublishFor(
                    ctx.Outbox, commands, ctx.Texts, ctx.From.Id, Access.Anyone, ctx.Culture.TwoLetterISOLanguageName, OutboxWriter.EphemeralTag);
                Settle(ctx, message, ctx.T("Privacy.DeleteMe.Done"));
                ctx.Answer(ctx.Plain("Privacy.DeleteMe.DoneToast"));
                break;
            default:
                ctx.Answer(ctx.Plain("Callback.Stale"));
                break;
        }
    }

    /// <summary>Replaces the warning (and its buttons) with the outcome. Ephemeral: the row names the person's
    /// chat and must not outlive its sending, least of all right after everything else about them was erased.</summary>
    private static void Settle(CallbackContext ctx, Message message, Html text) =>
        ctx.Outbox.Edit(ctx.Chat.Id, message.MessageId, text, tag: OutboxWriter.EphemeralTag);
}
