using Bot.Tests.Support;
using Xunit.Abstractions;

namespace Bot.Tests.Faults;

/// <summary>Two instances on one PostgreSQL database, the sending one killed mid-broadcast under the same faults:
/// the other takes over the outbox lease and finishes it, nothing lost, repeats bounded as for one crash.</summary>
[Collection(PostgreSqlServer.Collection)]
public sealed class FaultSuiteOnPostgreSql(PostgreSqlServer postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Two_instances_under_faults_with_the_sender_killed_the_other_finishes_the_broadcast()
    {
        var database = await postgres.CreateDatabase();
        try
        {
            var report = await FaultScenario.TwoInstancesOneKilled(FaultSuiteTests.Small, database, FaultSuiteTests.Log(output));

            FaultSuiteTests.Verify(report, output);
        }
        finally
        {
            await postgres.Drop(database);
        }
    }
}
