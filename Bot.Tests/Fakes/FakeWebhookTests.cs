using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Fakes;

/// <summary>The fake's webhook side, as Telegram behaves: it posts to the URL set with the secret, retries what was
/// not answered with 2xx, keeps each chat's order, and refuses a plain-HTTP URL unless it runs as a local server.</summary>
public sealed class FakeWebhookTests : IAsyncLifetime
{
    private const long Alice = 1001;
    private const long Bob = 1002;
    private readonly HttpClient http = new();
    private readonly List<(string? Secret, long UpdateId, long ChatId)> received = [];
    private FakeBotApi fake = null!;
    private WebApplication receiver = null!;
    private int failuresLeft;

    public async Task InitializeAsync()
    {
        fake = await FakeBotApi.Start();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        receiver = builder.Build();
        receiver.MapPost("/hook", async (HttpContext context) =>
        {
            var update = await JsonDocument.ParseAsync(context.Request.Body);
            var root = update.RootElement;
            lock (received)
            {
                received.Add((context.Request.Headers["X-Telegram-Bot-Api-Secret-Token"].ToString(), root.GetProperty("update_id").GetInt64(),
                    root.GetProperty("message").GetProperty("chat").GetProperty("id").GetInt64()));
                if (failuresLeft > 0)
                {
                    failuresLeft--;
                    return Results.StatusCode(503);
                }
            }

            return Results.Ok();
        });
        await receiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await fake.DisposeAsync();
        await receiver.DisposeAsync();
    }

    [Fact]
    public async Task PlainHttpWebhook_IsRefusedAsByTelegram_AndAcceptedByALocalServer()
    {
        var url = receiver.Urls.Single() + "/hook";

        var (refused, _) = await Post("setWebhook", new { url });
        fake.LocalMode = true;
        var (accepted, _) = await Post("setWebhook", new { url });

        Assert.Equal(400, refused);
        Assert.Equal(200, accepted);
    }

    [Fact]
    public async Task Updates_ArePostedWithTheSecret_AndRetriedUntilAnswered2xx()
    {
        fake.LocalMode = true;
        lock (received)
        {
            failuresLeft = 2;
        }

        var update = fake.UserSends(Alice, Alice, "/start");
        await Post("setWebhook", new { url = receiver.Urls.Single() + "/hook", secret_token = "abc_123" });
        await fake.WaitFor(() => fake.PendingUpdateCount == 0, what: "the update accepted");
        var (_, info) = await Post("getWebhookInfo", new { });

        Assert.Equal([503, 503, 200], fake.WebhookDeliveries.Select(d => d.StatusCode));
        Assert.All(received, r => Assert.Equal(("abc_123", (long)update.Id), (r.Secret, r.UpdateId)));
        Assert.StartsWith("Wrong response from the webhook: 503", info.GetProperty("result").GetProperty("last_error_message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneChatsUpdates_ArriveInOrder_EvenWhenOneNeedsRetries()
    {
        fake.LocalMode = true;
        lock (received)
        {
            failuresLeft = 1;
        }

        var sent = new[] { fake.UserSends(Alice, Alice, "1"), fake.UserSends(Bob, Bob, "b"), fake.UserSends(Alice, Alice, "2"), fake.UserSends(Alice, Alice, "3") };
        await Post("setWebhook", new { url = receiver.Urls.Single() + "/hook", max_connections = 10 });
        await fake.WaitFor(() => fake.PendingUpdateCount == 0, what: "every update accepted");

        var alices = fake.WebhookDeliveries.Where(d => d.Accepted).Select(d => (long)d.UpdateId).Where(id => sent.Any(u => u.Id == id && u.Message!.Chat.Id == Alice));
        Assert.Equal(sent.Where(u => u.Message!.Chat.Id == Alice).Select(u => (long)u.Id), alices);
        Assert.Equal(4, fake.WebhookDeliveries.Count(d => d.Accepted));
    }

    private async Task<(int Status, JsonElement Answer)> Post(string method, object args)
    {
        using var response = await http.PostAsJsonAsync($"{fake.BaseUrl}/bot{fake.Token}/{method}", args);
        return ((int)response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
