using Bot.Commands.Privacy;
using Bot.Domain.Privacy;
using Bot.Hosting;
using Bot.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Privacy;

public sealed class PersonalDataHolderTests
{
    [Fact]
    public void EveryHolder_HasItsOwnSection_DescribedInBothLanguages()
    {
        var sections = Sections();
        var catalog = new Bot.Texts.TextCatalog(Options.Create(new BotOptions()));

        Assert.Contains("chapters", sections);
        Assert.Contains("telegram", sections);
        Assert.Equal(sections.Count, sections.Distinct().Count());
        Assert.All(sections, s => Assert.Matches("^[a-z_]{1,32}$", s));
        Assert.All(sections, s => Assert.True(Bot.Texts.TextCatalog.Exists(PersonalDataExport.DescriptionKey(s)),
            $"The personal data section '{s}' needs the text {PersonalDataExport.DescriptionKey(s)}: /mydata and /deleteme list it."));
        Assert.All(sections, s => Assert.NotEmpty(catalog.Plain(PersonalDataExport.DescriptionKey(s), Bot.Texts.TextCatalog.German)));
        Assert.All(sections, s => Assert.NotEmpty(catalog.Plain(PersonalDataExport.DescriptionKey(s), Bot.Texts.TextCatalog.English)));
    }

    [Fact]
    public void MyDataFile_WritesUmlautsAndEmojiAsThemselves_AndKeepsTypedBackslashesAsText()
    {
        var json = PersonalDataExport.Document(1, new DateTime(2026, 12, 3, 13, 0, 0, DateTimeKind.Utc), [("events", new { Title = "Grillfest 🎉 für Jürgen", Note = @"\uD83D\uDE00" })]);

        Assert.Contains("Grillfest 🎉 für Jürgen", json);
        Assert.Contains(@"\\uD83D\\uDE00", json);
        Assert.Equal("Grillfest 🎉 für Jürgen", System.Text.Json.Nodes.JsonNode.Parse(json)!["events"]!["title"]!.GetValue<string>());
    }

    /// <summary>The sections of the holders the bot registers; naming its section touches no database.</summary>
    private static List<string> Sections()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Bot"] = "Data Source=:memory:" })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration).AddSingleton(TimeProvider.System);
        services.AddLogging().AddBotOptions().AddPersistence(configuration).AddChapters().AddTelegram(RunMode.Telegram).AddCommands();
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        return scope.ServiceProvider.GetServices<IPersonalDataHolder>().Select(h => h.Section).ToList();
    }
}
