using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Bot.Domain.Chapters;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Ical.Net.CalendarComponents;
using IcalCalendar = Ical.Net.Calendar;

namespace Bot.Tests.Calendar;

/// <summary>The personal iCalendar feed as a phone's calendar app fetches it, from the bot's own HTTP server on a
/// free loopback port.</summary>
public partial class FeedTests
{
    /// <summary>The server the tests run on in <see cref="FeedTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Olga = 3301;
    private const long Alice = 3302;

    private static readonly DateTimeOffset Friday = new(2026, 11, 20, 13, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Feed_ParsedBack_HasTheSecondSundayOfSeptember_InEachOfTenYears()
    {
        await using var bot = await Started();
        await bot.NewEvent(Olga, "Gedenken | 1.9.2027 11:00 | Mahnmal | repeat=2. Sonntag im September");

        var feed = IcalCalendar.Load(await Fetch(bot, await FeedLink(bot, Alice)))!;

        var dates = feed.GetOccurrences<CalendarEvent>(new Ical.Net.DataTypes.CalDateTime(2027, 1, 1, 0, 0, 0, "Europe/Berlin"))
            .Select(o => o.Period.StartTime.Value)
            .TakeWhile(start => start.Year < 2037)
            .ToList();
        Assert.Equal(Enumerable.Range(2027, 10), dates.Select(d => d.Year));
        Assert.All(dates, d => Assert.True(d is { Month: 9, DayOfWeek: DayOfWeek.Sunday, Day: > 7 and <= 14, Hour: 11 }, d.ToString("O")));
        Assert.Contains("RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=9", Unfolded(await Fetch(bot, await FeedLink(bot, Alice))));
    }

    [Fact]
    public async Task Feed_HasTheBerlinTimeZone_AndTheChaptersEvents()
    {
        await using var bot = await Started();
        await bot.NewEvent(Olga, "Stammtisch | Di 24.11. 19:00 | Krone");

        var text = Unfolded(await Fetch(bot, await FeedLink(bot, Alice)));

        Assert.Contains("BEGIN:VTIMEZONE", text);
        Assert.Contains("TZID:Europe/Berlin", text);
        Assert.Contains("DTSTART;TZID=Europe/Berlin:20261124T190000", text);
        Assert.Contains("SUMMARY:Stammtisch", text);
        Assert.DoesNotContain("Olga", text);
    }

    [Fact]
    public async Task Feed_HasTheChaptersCanvassingShifts_WithTheirSpan_InTheMembersLanguage()
    {
        await using var bot = await Started();
        await bot.Ask(Olga, "/newshift Wahlbereich 12 | 2.12. 16:00-18:00 | Marktplatz | slots=4");
        await bot.Api.WaitFor(() => bot.Db(db => db.Shifts.CountAsync()).GetAwaiter().GetResult() == 1, what: "the shift posted");

        var text = Unfolded(await Fetch(bot, await FeedLink(bot, Alice)));

        Assert.Contains("SUMMARY:🚪 Haustürgespräche: Wahlbereich 12", text);
        Assert.Contains("DTSTART;TZID=Europe/Berlin:20261202T160000", text);
        Assert.Contains("DTEND;TZID=Europe/Berlin:20261202T180000", text);
        Assert.Contains("LOCATION:Marktplatz", text);
    }

    [Fact]
    public async Task Feed_Unchanged_IsTheSameBytes_AndAnswers304ToItsETag()
    {
        await using var bot = await Started();
        await bot.NewEvent(Olga, "Stammtisch | Di 24.11. 19:00 | Krone | repeat=weekly");
        var link = await FeedLink(bot, Alice);
        using var http = new HttpClient();

        using var first = await http.GetAsync(link);
        using var second = await http.GetAsync(link);
        using var ask = new HttpRequestMessage(HttpMethod.Get, link);
        ask.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var again = await http.SendAsync(ask);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/calendar", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    [Fact]
    public async Task Feed_AfterAChange_HasANewETag()
    {
        await using var bot = await Started();
        var link = await FeedLink(bot, Alice);
        using var http = new HttpClient();
        using var before = await http.GetAsync(link);

        await bot.NewEvent(Olga, "Stammtisch | Di 24.11. 19:00 | Krone");
        using var ask = new HttpRequestMessage(HttpMethod.Get, link);
        ask.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        using var after = await http.SendAsync(ask);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
    }

    [Fact]
    public async Task RenewedLink_TheOldOneAnswers404_TheNewOneWorks()
    {
        await using var bot = await Started();
        var old = await FeedLink(bot, Alice);

        var renewed = await FeedLink(bot, Alice);
        using var http = new HttpClient();

        Assert.NotEqual(old, renewed);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(old)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(renewed)).StatusCode);
    }

    [Theory]
    [InlineData("/ical/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics")]
    [InlineData("/ical/short.ics")]
    [InlineData("/ical/%3Cscript%3E.ics")]
    [InlineData("/ical/.ics")]
    public async Task WrongToken_Answers404(string path)
    {
        await using var bot = await Started();
        await FeedLink(bot, Alice);
        using var http = new HttpClient();

        using var answer = await http.GetAsync(new Uri(bot.HttpAddress, path));

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }

    [Fact]
    public async Task DeleteMe_ErasesTheFeed_ItsLinkAnswers404()
    {
        await using var bot = await Started();
        var link = await FeedLink(bot, Alice);

        var confirm = await bot.Ask(Alice, "/deleteme");
        var answered = bot.Api.RequestsOf("answerCallbackQuery").Count;
        bot.Api.UserPresses(Alice, Alice, confirm.MessageId, confirm.Button("🗑 Ja, meine Daten löschen").CallbackData!);
        // The press is answered in the same commit as the erasure.
        await bot.Api.WaitFor(() => bot.Api.RequestsOf("answerCallbackQuery").Count > answered, what: "the erasure");
        using var http = new HttpClient();

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task FeedCommand_SendsTheLinkAndTheFile()
    {
        await using var bot = await Started();

        var link = await bot.Ask(Alice, "/calendar feed");
        var file = await bot.Api.WaitForMessage(Alice, m => m.Document is not null);

        Assert.StartsWith("https://bot.example.org/ical/", LinkPattern().Match(link.Text).Value);
        Assert.Equal("calendar.ics", file.Document!.FileName);
        Assert.StartsWith("BEGIN:VCALENDAR", file.Document.Content);
    }

    [Fact]
    public async Task Healthz_ReportsTheDatabaseAndTheOutbox()
    {
        await using var bot = await Started();
        using var http = new HttpClient();

        using var answer = await http.GetAsync(new Uri(bot.HttpAddress, "/healthz"));
        var body = await answer.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("\"database\":{\"status\":\"Healthy\"", body);
        Assert.Contains("\"outbox\":{\"status\":\"Healthy\"", body);
        Assert.Contains("\"backlog\":", body);
        Assert.Contains("\"oldestAgeSeconds\":", body);
    }

    private static async Task<Uri> FeedLink(TestBot bot, long userId)
    {
        var reply = await bot.Ask(userId, "/calendar feed");
        await bot.Api.WaitForMessage(userId, m => m.Document is not null && m.MessageId > reply.MessageId);
        // The link names Bot:PublicUrl; the test reaches the same path on the port the server was given.
        return new Uri(bot.HttpAddress, new Uri(LinkPattern().Match(reply.Text).Value).AbsolutePath);
    }

    private static async Task<string> Fetch(TestBot bot, Uri link)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(link);
    }

    /// <summary>Long lines in iCalendar are folded (CRLF and a space); unfolded, they can be searched.</summary>
    private static string Unfolded(string ics) => ics.Replace("\r\n ", "", StringComparison.Ordinal);

    [GeneratedRegex(@"https?://\S+/ical/[A-Za-z0-9_-]{43}\.ics")]
    private static partial Regex LinkPattern();

    private async Task<TestBot> Started()
    {
        var settings = TestBot.Unpaced();
        settings["Urls"] = "http://127.0.0.1:0";
        settings["Bot:PublicUrl"] = "https://bot.example.org";
        var bot = await TestBot.Start(settings, clock: new FakeTimeProvider(Friday), postgres: Postgres);
        await bot.AddMember(Olga, "Olga Organisatorin", role: Role.Organizer);
        await bot.AddMember(Alice, "Alice Amsel");
        return bot;
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class FeedTestsOnPostgreSql(PostgreSqlServer postgres) : FeedTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
