namespace Bot.Domain.Events;

/// <summary>Answers to an event as far as the waitlist needs them, read without every row: the yes, maybe and no
/// answers counted (yes with their guests), and the yes answers themselves only when <see cref="YesAnswers"/> is
/// set, for an event with a capacity, where their order decides who waits. Without a capacity nobody waits, so a
/// press on a card of a thousand answers needs three numbers, not a thousand rows.</summary>
public sealed record AnswerTally(int Yes, int YesGuests, int Maybe, int No, IReadOnlyList<Rsvp>? YesAnswers)
{
    public static AnswerTally None { get; } = new(0, 0, 0, 0, []);

    /// <summary>The tally of <paramref name="rsvps"/>, with the yes answers listed when <paramref name="listYes"/>.</summary>
    public static AnswerTally Of(IEnumerable<Rsvp> rsvps, bool listYes)
    {
        var all = rsvps.ToList();
        var yes = all.Where(r => r.Answer == Answer.Yes).ToList();
        return new AnswerTally(yes.Count, yes.Sum(r => r.Guests), all.Count(r => r.Answer == Answer.Maybe), all.Count(r => r.Answer == Answer.No),
            listYes ? yes : null);
    }
}
