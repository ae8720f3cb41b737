using System.Text.Json;
using Bot.Persistence;
using Bot.Telegram;
using Bot.Telegram.Updates;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Http;

/// <summary>What the bot serves over HTTP: <c>/healthz</c> for operators, <c>/ical/…</c> for members' calendars, and
/// in webhook mode <c>/telegram/webhook</c> for Telegram.</summary>
public static class HttpEndpoints
{
    public static IServiceCollection AddHttpEndpoints(this IServiceCollection services)
    {
        services.AddSingleton<FeedLinks>();
        services.AddScoped<CalendarFeedBuilder>();
        services.AddHealthChecks()
            .AddDbContextCheck<BotDbContext>("database")
            .AddCheck<OutboxHealthCheck>("outbox");
        return services;
    }

    public static IEndpointRouteBuilder MapHttpEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteHealth });
        app.MapGet("/ical/{file}", FeedEndpoint.Get);
        // Read raw, not through the options: their check belongs to the start, where a bad value is reported plainly.
        if (Enum.TryParse<UpdateMode>(app.ServiceProvider.GetRequiredService<IConfiguration>()["Telegram:Mode"], ignoreCase: true, out var updates)
            && updates == UpdateMode.Webhook)
        {
            app.MapPost(WebhookRegistration.Path, WebhookEndpoint.Post);
        }

        return app;
    }

    /// <summary>Each check's status and figures, never an exception's text (it could name a connection string).</summary>
    private static Task WriteHealth(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), data = e.Value.Data }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
