using Bot.Domain.Subscriptions;

namespace Bot.Domain.Canvassing;

/// <summary>Who is asked for help when a shift is short of people: the members of its chapter (and the chapters
/// below) who subscribed to <see cref="Topic.Shifts"/>, as SPEC promises; nobody else is written to about it.</summary>
public sealed class ShiftSubscribers(SubscriptionService subscriptions) : IShiftAudience
{
    public Task<IReadOnlyList<long>> HelpNeededAudience(long chapterId, CancellationToken ct) =>
        subscriptions.SubscribersOf(chapterId, Topic.Shifts, ct);
}
