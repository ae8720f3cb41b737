using System.Globalization;
using System.Resources;
using Bot.Commands;
using Bot.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Texts;

public sealed class TextCatalogTests
{
    private static readonly ResourceManager Resources = new("Bot.Texts.Texts", typeof(Bot.Texts.TextCatalog).Assembly);

    [Fact]
    public void EveryText_ExistsInGermanAndEnglish_WithTheSameHoles()
    {
        var english = Keys(CultureInfo.InvariantCulture);
        var german = Keys(CultureInfo.GetCultureInfo("de"));

        Assert.Equal(english.Keys.Order(), german.Keys.Order());
        Assert.All(english, e => Assert.Equal(Holes(e.Value), Holes(german[e.Key])));
    }

    [Fact]
    public void EveryCommand_HasADescriptionInBothLanguages()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging().AddBotOptions().AddCommands();
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();

        var commands = scope.ServiceProvider.GetServices<IBotCommand>().ToList();

        Assert.NotEmpty(commands);
        Assert.All(commands, c => Assert.Matches("^[a-z0-9_]{1,32}$", c.Name));
        Assert.All(commands, c => Assert.True(Bot.Texts.TextCatalog.Exists(CommandMenu.DescriptionKey(c)), $"/{c.Name} has no description"));
        Assert.All(commands, c => Assert.InRange(Resources.GetString(CommandMenu.DescriptionKey(c), CultureInfo.GetCultureInfo("de"))!.Length, 1, 256));
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

    private static Dictionary<string, string> Keys(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    private static string Holes(string text) =>
        string.Join(",", System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).Order());
}
