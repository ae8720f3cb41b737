using Bot.Domain.Messaging;

namespace Bot.Tests.Support;

/// <summary>The outbound port as the list of what the domain told, in order, for unit tests of the services that
/// decide who is told what.</summary>
internal sealed class RecordedNotices : INotices
{
    public List<Notice> All { get; } = [];

    public Task Tell(IReadOnlyList<Notice> notices, CancellationToken ct)
    {
        All.AddRange(notices);
        return Task.CompletedTask;
    }

    public Task WithdrawReminders(long eventId, CancellationToken ct) => Task.CompletedTask;
}
