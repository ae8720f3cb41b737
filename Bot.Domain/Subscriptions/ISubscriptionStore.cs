namespace Bot.Domain.Subscriptions;

/// <summary>Where topic choices are kept; additions join the caller's unit of work.</summary>
public interface ISubscriptionStore
{
    Task<IReadOnlyList<TopicChoice>> ChoicesOf(long userId, CancellationToken ct);

    void Add(TopicChoice choice);

    /// <summary>Members of the chapters (user ids, each once) who are subscribed to the topic (by their choice, or
    /// by the default when they never chose and <paramref name="onByDefault"/>) and can be written to privately:
    /// they started the bot and have not blocked it.</summary>
    Task<IReadOnlyList<long>> Subscribers(IReadOnlyCollection<long> chapterIds, Topic topic, bool onByDefault, CancellationToken ct);
}
