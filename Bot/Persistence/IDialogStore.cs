namespace Bot.Persistence;

/// <summary>Where open dialogs are kept, one per chat and user. Changes join the caller's unit of work.</summary>
public interface IDialogStore
{
    /// <summary>The open dialog, or null when there is none (or it ended earlier in this unit of work).</summary>
    Task<DialogState?> Find(long chatId, long userId, CancellationToken ct);

    /// <summary>Keeps the dialog's name, step, answers and time under its chat and user, replacing what was there.</summary>
    Task Save(DialogState state, CancellationToken ct);

    /// <summary>Ends the dialog; false when there was none.</summary>
    Task<bool> Remove(long chatId, long userId, CancellationToken ct);
}
