using System.Globalization;
using System.Resources;
using Bot.Commands;
using Bot.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
    public void EveryCountedText_HasASingularAndAPluralForm()
    {
        var keys = Bot.Texts.TextCatalog.Files.SelectMany(f => Keys(f, CultureInfo.InvariantCulture).Keys).ToHashSet();

        Assert.Contains(keys, k => k.EndsWith("_one", StringComparison.Ordinal));
        Assert.All(keys.Where(k => k.EndsWith("_one", StringComparison.Ordinal)), k => Assert.Contains(k[..^"_one".Length] + "_other", keys));
        Assert.All(keys.Where(k => k.EndsWith("_other", StringComparison.Ordinal)), k => Assert.Contains(k[..^"_other".Length] + "_one", keys));
    }

    [Fact]
    public void NoText_HedgesBetweenSingularAndPlural()
    {
        // "guest(s)", "Person(en)", "Gast/Gäste": a counted text takes a _one and an _other form instead.
        var hedge = new System.Text.RegularExpressions.Regex(@"\w\((?:s|e|n|en)\)|\b(?:Gast|Platz|Tag|Stunde)/");
        foreach (var file in Bot.Texts.TextCatalog.Files)
        {
            foreach (var culture in new[] { CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo("de") })
            {
                Assert.All(Keys(file, culture), e => Assert.False(hedge.IsMatch(e.Value), $"{e.Key} ({culture.Name}): {e.Value}"));
            }
        }
    }

    [Fact]
    public void EveryCommand_HasADescriptionInBothLanguages()
    {
        // The real wiring, built but not started: commands may need any service a feature registers.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Bot"] = "Data Source=:memory:" });
        builder.AddChapterBot(RunMode.Telegram);
        using var host = builder.Build();
        using var scope = host.Services.CreateScope();

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
