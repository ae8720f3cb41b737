using Microsoft.EntityFrameworkCore;

namespace Bot.Persistence;

/// <summary>The dialog store on EF Core.</summary>
public sealed class DialogStore(BotDbContext db) : IDialogStore
{
    public async Task<DialogState?> Find(long chatId, long userId, CancellationToken ct) =>
        await Tracked(chatId, userId, ct) is { } state && db.Entry(state).State != EntityState.Deleted ? state : null;

    public async Task Save(DialogState state, CancellationToken ct)
    {
        var stored = await Tracked(state.ChatId, state.UserId, ct);
        if (stored is null)
        {
            db.Dialogs.Add(state);
            return;
        }

        if (db.Entry(stored).State == EntityState.Deleted)
        {
            // Ended earlier in this update (the router cancels the open dialog before a command runs, and the
            // command may start one again): the row is still tracked, and unless it is kept the save would delete
            // the dialog just started.
            db.Entry(stored).State = EntityState.Modified;
        }

        stored.Name = state.Name;
        stored.Step = state.Step;
        stored.Data = state.Data;
        stored.UpdatedAt = state.UpdatedAt;
    }

    public async Task<bool> Remove(long chatId, long userId, CancellationToken ct)
    {
        if (await Find(chatId, userId, ct) is not { } state)
        {
            return false;
        }

        db.Dialogs.Remove(state);
        return true;
    }

    /// <summary>The row as this unit of work knows it, removed or not.</summary>
    private async Task<DialogState?> Tracked(long chatId, long userId, CancellationToken ct) =>
        await db.Dialogs.FindAsync([chatId, userId], ct);
}
