using System.Net.Http.Json;
using System.Text.Json;
using Bot.Tests.Support;

namespace Bot.Tests.Fakes;

/// <summary>The faults the fake injects for the fault suite, and the pace it holds the bot to, on a clock that does not
/// move unless told: what fails is fixed by the seed and by time, never by how fast the machine is.</summary>
public sealed class FaultPlanTests : IAsyncLifetime
{
    private readonly HttpClient http = new();
    private readonly FakeTimeProvider clock = new();
    private FakeBotApi fake = null!;

    public async Task InitializeAsync() => fake = await FakeBotApi.Start(clock: clock);

    public async Task DisposeAsync()
    {
        http.Dispose();
        await fake.DisposeAsync();
    }

    [Fact]
    public async Task ServerErrors_FailTheSameCallsForTheSameSeed_AboutTheShareAsked_AndDeliverNothing()
    {
        var first = await SendsUnder(new FaultPlan(7) { ServerErrors = new Dictionary<string, double> { ["sendMessage"] = 0.1 } });
        var again = await SendsUnder(new FaultPlan(7) { ServerErrors = new Dictionary<string, double> { ["SENDMESSAGE"] = 0.1 } });
        var otherSeed = await SendsUnder(new FaultPlan(8) { ServerErrors = new Dictionary<string, double> { ["sendMessage"] = 0.1 } });

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherSeed);
        Assert.InRange(first.Count(s => s == 500), 20, 60);
        Assert.All(fake.RequestsOf("sendMessage").Where(r => r.StatusCode == 500), r => Assert.Equal(FaultOrigin.ServerError, r.Fault));
        Assert.Equal(fake.RequestsOf("sendMessage").Count(r => r.StatusCode == 200), fake.SentMessages().Count);
    }

    [Fact]
    public async Task Storm_AnswersEveryMessage429_WithTheSecondsLeftOfIt_ThenEnds()
    {
        fake.Faults = new FaultPlan(1);
        fake.Faults.StormAfter(calls: 2, TimeSpan.FromSeconds(10));

        var before = await Statuses(2, chat: 1);
        var (status, answer) = await Send(2);
        clock.Advance(TimeSpan.FromSeconds(7.5));
        var (_, later) = await Send(3);
        clock.Advance(TimeSpan.FromSeconds(2.5));
        var after = await Statuses(1, chat: 4);

        Assert.Equal([200, 200], before);
        Assert.Equal(429, status);
        Assert.Equal(10, answer.GetProperty("parameters").GetProperty("retry_after").GetInt32());
        Assert.Equal(3, later.GetProperty("parameters").GetProperty("retry_after").GetInt32());
        Assert.Equal([200], after);
        Assert.Equal(2, fake.Requests.Count(r => r.Fault == FaultOrigin.Storm));
    }

    [Fact]
    public async Task SendingFasterThanTheRate_Gets429ForThePace_AndNotOnceTheSecondHasPassed()
    {
        fake.Faults = new FaultPlan(1) { PerSecond = 5 };

        var burst = new List<int>();
        for (var chat = 1; chat <= 6; chat++)
        {
            burst.Add((await Send(chat)).Status);
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        var (next, _) = await Send(7);

        Assert.Equal([200, 200, 200, 200, 200, 429], burst);
        Assert.Equal(200, next);
        Assert.Equal(FaultOrigin.Pace, fake.RequestsOf("sendMessage").Single(r => r.StatusCode == 429).Fault);
    }

    [Fact]
    public async Task MoreThanFourMessagesIntoOneChatWithinASecond_Gets429ForThePace()
    {
        fake.Faults = new FaultPlan(1);

        var statuses = await Statuses(5, chat: 1);

        Assert.Equal([200, 200, 200, 200, 429], statuses);
    }

    [Fact]
    public async Task Holding_DeliversTheMessage_ButAnswersOnlyOnRelease()
    {
        fake.Faults = new FaultPlan(1);
        fake.Faults.HoldAfter(deliveries: 1);

        var (first, _) = await Send(1);
        var second = Send(2);
        await fake.WaitFor(() => fake.Faults.Held == 1, what: "the second answer held");
        var deliveredWhileHeld = fake.SentMessages(2).Count;
        var answeredWhileHeld = second.IsCompleted;
        fake.Faults.Release();
        var (released, _) = await second;

        Assert.Equal(200, first);
        Assert.Equal(1, deliveredWhileHeld);
        Assert.False(answeredWhileHeld);
        Assert.Equal(200, released);
    }

    private async Task<List<int>> SendsUnder(FaultPlan plan)
    {
        fake.Faults = plan;
        var statuses = new List<int>();
        for (var chat = 1; chat <= 100; chat++)
        {
            statuses.AddRange(await Statuses(3, chat));
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        return statuses;
    }

    private async Task<List<int>> Statuses(int count, long chat)
    {
        var statuses = new List<int>();
        for (var i = 0; i < count; i++)
        {
            statuses.Add((await Send(chat)).Status);
        }

        return statuses;
    }

    private async Task<(int Status, JsonElement Answer)> Send(long chat)
    {
        fake.OpenPrivateChat(chat);
        using var response = await http.PostAsJsonAsync($"{fake.BaseUrl}/bot{fake.Token}/sendMessage", new { chat_id = chat, text = "Hallo" });
        return ((int)response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
