namespace Bot.Domain.Chapters;

/// <summary>The people made admins of the root chapter by configuration. They hold roles without having joined
/// through an invite (they never saw the privacy notice: the operator vouches for them).</summary>
public sealed class ConfiguredAdmins(IEnumerable<long> userIds)
{
    private readonly HashSet<long> ids = [.. userIds];

    public static ConfiguredAdmins None { get; } = new([]);

    public bool Contains(long userId) => ids.Contains(userId);
}
