using Bot.Domain.Chapters;

namespace Bot.Domain.Subscriptions;

/// <summary>Who wants to hear about what: a member's topics, and the subscribers of a chapter for a topic (its own
/// members and those of its sub-chapters), for announcements, calendars, digests and calls for help.</summary>
public sealed class SubscriptionService(ISubscriptionStore store, IChapterStore chapters, TimeProvider clock)
{
    /// <summary>The topics this member is subscribed to.</summary>
    public async Task<IReadOnlySet<Topic>> Of(long userId, CancellationToken ct)
    {
        var choices = (await store.ChoicesOf(userId, ct)).ToDictionary(c => c.Topic, c => c.Subscribed);
        return Topics.All.Where(t => choices.TryGetValue(t, out var on) ? on : Topics.OnByDefault(t)).ToHashSet();
    }

    /// <summary>Subscribes or unsubscribes a member; returns the topics they are subscribed to afterwards. Only
    /// members choose: someone without a chapter has nothing to hear about.</summary>
    public async Task<SubscribeOutcome> Set(Permissions actor, Topic topic, bool subscribed, CancellationToken ct)
    {
        if (!actor.IsMember)
        {
            return new SubscribeOutcome.NotMember();
        }

        var before = await Of(actor.UserId, ct);
        var choice = (await store.ChoicesOf(actor.UserId, ct)).FirstOrDefault(c => c.Topic == topic);
        if (choice is null)
        {
            choice = new TopicChoice { UserId = actor.UserId, Topic = topic };
            store.Add(choice);
        }

        choice.Subscribed = subscribed;
        choice.ChangedAt = clock.GetUtcNow().UtcDateTime;
        var now = before.ToHashSet();
        if (subscribed)
        {
            now.Add(topic);
        }
        else
        {
            now.Remove(topic);
        }

        return new SubscribeOutcome.Set(topic, subscribed, before.Contains(topic) != subscribed, now);
    }

    /// <summary>The members of the chapter and its sub-chapters who are subscribed to the topic, each once.</summary>
    public async Task<IReadOnlyList<long>> SubscribersOf(long chapterId, Topic topic, CancellationToken ct)
    {
        var tree = await chapters.Tree(ct);
        var ids = tree.DescendantsAndSelf(chapterId).Select(c => c.Id).ToList();
        return ids.Count == 0 ? [] : await store.Subscribers(ids, topic, Topics.OnByDefault(topic), ct);
    }
}

public abstract record SubscribeOutcome
{
    /// <summary>The choice is recorded; <paramref name="Topics"/> are the member's topics now.</summary>
    public sealed record Set(Topic Topic, bool Subscribed, bool Changed, IReadOnlySet<Topic> Topics) : SubscribeOutcome;

    public sealed record NotMember : SubscribeOutcome;
}
