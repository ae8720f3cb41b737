using Bot.Persistence;
using System.Text.Json;

namespace Bot.Commands.Dialogs;

/// <summary>Starts, continues and ends the stored dialogs; one per user and chat, a new one replacing the old. A
/// question with buttons keeps them only while it is the open one: once it is answered (by button or typed), or the
/// dialog ends (done, /cancel, another command, another dialog), its buttons go.</summary>
public sealed class DialogRunner(IDialogStore store, IEnumerable<IDialog> dialogs, TimeProvider clock)
{
    /// <summary>A dialog left alone this long is forgotten rather than continued out of the blue.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromHours(24);

    /// <summary>The outbox tag of the questions with buttons a user's dialog in a chat asked (see <see cref="ChatContext.Reply"/>).</summary>
    public static string QuestionTag(long chatId, long userId) => FormattableString.Invariant($"dialog:{chatId}:{userId}");

    public async Task Start<TDialog>(ChatContext ctx, CancellationToken ct) where TDialog : IDialog
    {
        var dialog = dialogs.OfType<TDialog>().Single();
        var data = new DialogData();
        await Retire(ctx, ct);
        var step = await dialog.Begin(ctx, data, ct);
        await Save(ctx, dialog.Name, step, data, ct);
    }

    /// <summary>Starts a dialog part-way, its answers already given: <paramref name="ask"/> fills them in and asks the
    /// step to go on from (a one-line command that only awaits a confirmation).</summary>
    public async Task StartAt<TDialog>(ChatContext ctx, Func<TDialog, DialogData, Task<DialogStep>> ask, CancellationToken ct) where TDialog : IDialog
    {
        ArgumentNullException.ThrowIfNull(ask);
        var dialog = dialogs.OfType<TDialog>().Single();
        var data = new DialogData();
        await Retire(ctx, ct);
        var step = await ask(dialog, data);
        await Save(ctx, dialog.Name, step, data, ct);
    }

    /// <summary>Feeds an answer to the user's open dialog; false when there is none, or when
    /// <paramref name="atStep"/> is given and the dialog has moved past it (a button of an earlier question).</summary>
    public async Task<bool> Continue(ChatContext ctx, string answer, CancellationToken ct, string? atStep = null)
    {
        var state = await store.Find(ctx.Chat.Id, ctx.From.Id, ct);
        if (state is null || (atStep is not null && state.Step != atStep))
        {
            return false;
        }

        var dialog = dialogs.FirstOrDefault(d => d.Name == state.Name);
        if (dialog is null || clock.GetUtcNow().UtcDateTime - state.UpdatedAt > Expiry)
        {
            await Cancel(ctx, ct);
            return false;
        }

        if (ctx.Access < dialog.Access)
        {
            await Cancel(ctx, ct);
            ctx.Say("Command.NotAllowed", dialog.Name);
            return true;
        }

        var data = new DialogData(JsonSerializer.Deserialize<Dictionary<string, string>>(state.Data) ?? []);
        await Retire(ctx, ct);
        var step = await dialog.Answer(ctx, state.Step, data, answer, ct);
        await Save(ctx, dialog.Name, step, data, ct);
        return true;
    }

    /// <summary>Ends the user's open dialog in this chat because they sent <paramref name="command"/>, and tells
    /// them so: the next thing they type would otherwise be read as an answer to nothing.</summary>
    public async Task Leave(ChatContext ctx, string command, CancellationToken ct)
    {
        if (await store.Find(ctx.Chat.Id, ctx.From.Id, ct) is not { } state)
        {
            return;
        }

        await Cancel(ctx, ct);
        if (state.Name != command)
        {
            ctx.Say("Dialog.Left", command);
        }
    }

    /// <summary>Ends the user's open dialog in this chat; false when there was none.</summary>
    public async Task<bool> Cancel(ChatContext ctx, CancellationToken ct)
    {
        await Retire(ctx, ct);
        return await store.Remove(ctx.Chat.Id, ctx.From.Id, ct);
    }

    /// <summary>Takes the buttons off the questions asked so far: whatever comes next, they are no longer the open one.</summary>
    private static Task Retire(ChatContext ctx, CancellationToken ct) => ctx.Outbox.RemoveKeyboards(QuestionTag(ctx.Chat.Id, ctx.From.Id), ct);

    private async Task Save(ChatContext ctx, string name, DialogStep step, DialogData data, CancellationToken ct)
    {
        if (step.Next is null)
        {
            await store.Remove(ctx.Chat.Id, ctx.From.Id, ct);
            return;
        }

        await store.Save(new DialogState
        {
            ChatId = ctx.Chat.Id,
            UserId = ctx.From.Id,
            Name = name,
            Step = step.Next,
            Data = JsonSerializer.Serialize<Dictionary<string, string>>(data),
            UpdatedAt = clock.GetUtcNow().UtcDateTime,
        }, ct);
    }
}
