using System.Globalization;
using System.Resources;
using Bot.Commands;
using Bot.Hosting;
using Bot.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Texts;

public sealed class TextCatalogTests
{
    [Fact]
    public void EveryText_ExistsInGermanAndEnglish_WithTheSameHoles()
    {
        Assert.NotEmpty(Bot.Texts.TextCatalog.Files);
        foreach (var file in Bot.Texts.TextCatalog.Files)
        {
            var english = Keys(file, CultureInfo.InvariantCulture);
            var german = Keys(file, CultureInfo.GetCultureInfo("de"));

            Assert.Equal(english.Keys.Order(), german.Keys.Order());
            Assert.All(english, e => Assert.Equal(Holes(e.Value), Holes(german[e.Key])));
        }
    }

    [Fact]
    public void EveryCommand_HasADescriptionInBothLanguages()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        // Commands may need the database and the chapter world to be built; nothing here opens the database.
        services.AddLogging().AddBotOptions().AddPersistence(configuration).AddChapters().AddCommands();
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();

        var commands = scope.ServiceProvider.GetServices<IBotCommand>().ToList();

        Assert.NotEmpty(commands);
        Assert.All(commands, c => Assert.Matches("^[a-z0-9_]{1,32}$", c.Name));
        Assert.All(commands, c => Assert.True(Bot.Texts.TextCatalog.Exists(CommandMenu.DescriptionKey(c)), $"/{c.Name} has no description"));
        var catalog = new Bot.Texts.TextCatalog(Options.Create(new BotOptions()));
        Assert.All(commands, c => Assert.InRange(catalog.Plain(CommandMenu.DescriptionKey(c), Bot.Texts.TextCatalog.German).Length, 1, 256));
        Assert.All(commands, c => Assert.InRange(catalog.Plain(CommandMenu.DescriptionKey(c), Bot.Texts.TextCatalog.English).Length, 1, 256));
    }

    [Theory]
    [InlineData("de-DE", "de")]
    [InlineData("de-AT", "de")]
    [InlineData("en-GB", "en")]
    [InlineData("fr", "de")]
    [InlineData(null, "de")]
    public void Language_ComesFromTelegram_ElseTheDefault(string? languageCode, string expected)
    {
        var catalog = new Bot.Texts.TextCatalog(Options.Create(new BotOptions { DefaultLanguage = "de" }));

        Assert.Equal(expected, catalog.CultureFor(languageCode).Name);
    }

    private static Dictionary<string, string> Keys(ResourceManager file, CultureInfo culture) =>
        file.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    private static string Holes(string text) =>
        string.Join(",", System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).Order());
}
