using System.Globalization;
using Bot.Commands.Reminders;
using Bot.Texts;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Texts;

/// <summary>Counted things read in the right number in both languages: "1 Gast", "2 Gäste", "mit 2 Gästen".</summary>
public sealed class QuantityTextTests
{
    private static readonly TextCatalog Texts = new(Options.Create(new BotOptions()));

    [Theory]
    [InlineData("de", 0, " (+0 Gäste)")]
    [InlineData("de", 1, " (+1 Gast)")]
    [InlineData("de", 2, " (+2 Gäste)")]
    [InlineData("en", 0, " (+0 guests)")]
    [InlineData("en", 1, " (+1 guest)")]
    [InlineData("en", 2, " (+2 guests)")]
    public void GuestCount_OnTheCard_ReadsInTheRightNumber(string language, int guests, string expected) =>
        Assert.Equal(expected, Counted("Event.Card.GuestCount", language, guests, guests));

    [Fact]
    public void GuestCount_One_ReadsOneGuest()
    {
        Assert.Equal("✅ Notiert: du bist dabei, mit 1 Gast.", Counted("Event.Answer.YesWithGuests", "de", 1, 1));
        Assert.Equal("✅ Noted: you are coming with 1 guest.", Counted("Event.Answer.YesWithGuests", "en", 1, 1));
    }

    [Fact]
    public void GuestCount_Two_TakesTheDativeAfterMit()
    {
        Assert.Equal("Deine Antwort: ✅ du bist dabei, mit 2 Gästen", Counted("Event.Mine.YesWithGuests", "de", 2, 2));
        Assert.Equal("Your answer: ✅ you are coming with 2 guests", Counted("Event.Mine.YesWithGuests", "en", 2, 2));
    }

    [Theory]
    [InlineData("de", 1, "➕ Bis zu 1 Gast pro Person")]
    [InlineData("de", 2, "➕ Bis zu 2 Gäste pro Person")]
    [InlineData("en", 1, "➕ Up to 1 guest each")]
    [InlineData("en", 2, "➕ Up to 2 guests each")]
    public void GuestLimit_ReadsInTheRightNumber(string language, int maxGuests, string expected) =>
        Assert.Equal(expected, Counted("Event.Card.Guests", language, maxGuests, maxGuests));

    [Theory]
    [InlineData("de", 0, "0 Plätze")]
    [InlineData("de", 1, "1 Platz")]
    [InlineData("de", 2, "2 Plätze")]
    [InlineData("en", 0, "0 spots")]
    [InlineData("en", 1, "1 spot")]
    [InlineData("en", 2, "2 spots")]
    public void PlaceCount_ReadsInTheRightNumber(string language, int places, string expected)
    {
        Assert.Equal(expected, Counted("NewEvent.Summary.Places", language, places, places));
        Assert.Equal(expected, Counted("Organize.Edit.PlacesValue", language, places, places));
    }

    [Theory]
    [InlineData("de", 1, "👥 1 von 1 Platz belegt, 0 frei")]
    [InlineData("de", 2, "👥 1 von 2 Plätzen belegt, 1 frei")]
    [InlineData("en", 1, "👥 1 of 1 spot taken, 0 free")]
    [InlineData("en", 2, "👥 1 of 2 spots taken, 1 free")]
    public void Capacity_OnTheCard_ReadsInTheRightNumber(string language, int capacity, string expected) =>
        Assert.Equal(expected, Counted("Event.Card.Places", language, capacity, 1, capacity, capacity - 1));

    [Theory]
    [InlineData("de", 1, "1 Person (Daten gelöscht)")]
    [InlineData("de", 2, "2 Personen (Daten gelöscht)")]
    [InlineData("en", 1, "1 person (data erased)")]
    [InlineData("en", 2, "2 people (data erased)")]
    public void ErasedAnswers_ReadInTheRightNumber(string language, int erased, string expected) =>
        Assert.Equal(expected, Counted("Organize.List.Erased", language, erased, erased));

    [Fact]
    public void ReminderLeads_WeekDayAndHours_ReadAsOneList()
    {
        TimeSpan[] leads = [TimeSpan.FromHours(2), TimeSpan.FromDays(7), TimeSpan.FromDays(1)];

        Assert.Equal("1 Woche, 1 Tag und 2 Stunden", SettingsView.Describe(leads, TextCatalog.German));
        Assert.Equal("1 week, 1 day, and 2 hours", SettingsView.Describe(leads, TextCatalog.English));
    }

    [Fact]
    public void ReminderLeads_Two_AreJoinedByAnd()
    {
        TimeSpan[] leads = [TimeSpan.FromDays(1), TimeSpan.FromHours(1)];

        Assert.Equal("1 Tag und 1 Stunde", SettingsView.Describe(leads, TextCatalog.German));
        Assert.Equal("1 day and 1 hour", SettingsView.Describe(leads, TextCatalog.English));
    }

    [Fact]
    public void ReminderLead_NotAWholeDay_StaysOneNumber()
    {
        TimeSpan[] leads = [TimeSpan.FromHours(30), TimeSpan.FromMinutes(90)];

        Assert.Equal("30 Stunden und 90 Minuten", SettingsView.Describe(leads, TextCatalog.German));
        Assert.Equal("30 hours and 90 minutes", SettingsView.Describe(leads, TextCatalog.English));
    }

    private static string Counted(string key, string language, long count, params object[] args) =>
        Texts.Plain(TextCatalog.Counted(key, count), CultureInfo.GetCultureInfo(language), args);
}
