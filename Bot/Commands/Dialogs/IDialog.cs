using Bot.Domain.Chapters;

namespace Bot.Commands.Dialogs;

/// <summary>A multi-step conversation as an explicit state machine: each step names the next one, and the
/// runner stores the step and the answers so far, per chat and user, between messages and across restarts.</summary>
public interface IDialog
{
    string Name { get; }

    /// <summary>Checked at every step, not only at the start: a role can be taken away in between.</summary>
    Access Access { get; }

    /// <summary>Asks the first question.</summary>
    Task<DialogStep> Begin(ChatContext ctx, DialogData data, CancellationToken ct);

    /// <summary>Takes the user's answer to <paramref name="step"/> (typed text, or the token of a choice button
    /// made with <see cref="DialogChoice"/>) and asks the next question, asks again, or finishes.</summary>
    Task<DialogStep> Answer(ChatContext ctx, string step, DialogData data, string answer, CancellationToken ct);
}

/// <summary>Where a dialog goes next: a named step, or the end.</summary>
public readonly record struct DialogStep(string? Next)
{
    public static DialogStep Ask(string step) => new(step);

    public static DialogStep Done { get; } = new((string?)null);
}

/// <summary>The answers a dialog has collected, stored as JSON between steps.</summary>
public sealed class DialogData : Dictionary<string, string>
{
    public DialogData()
        : base(StringComparer.Ordinal)
    {
    }

    public DialogData(IDictionary<string, string> values)
        : base(values, StringComparer.Ordinal)
    {
    }
}
