using System.Globalization;
using Bot.Commands.Events;
using Bot.Domain.Time;
using Bot.Tests.Time;

namespace Bot.Tests.Events;

/// <summary>The one-line form of /newevent, read field by field. Unless a test says otherwise, it is Friday
/// 20 November 2026, 14:00 in Berlin.</summary>
public sealed class NewEventFormTests
{
    [Theory]
    [InlineData("Stammtisch | 23.11. 19:00 | Gasthaus Krone", "Stammtisch", "2026-11-23 19:00", "Gasthaus Krone", null, 0, null, null)]
    [InlineData("Stammtisch | Mo 23.11. 19 Uhr | Krone | capacity=20 | guests=1 | deadline=22.11. 18:00 | chapter=Ortsverband Nord",
        "Stammtisch", "2026-11-23 19:00", "Krone", 20, 1, "2026-11-22 18:00", "Ortsverband Nord")]
    [InlineData("Stammtisch | morgen 6pm | Krone | verband=Nord | gäste=2 | frist=heute | plätze=5",
        "Stammtisch", "2026-11-21 18:00", "Krone", 5, 2, "2026-11-20 23:59", "Nord")]
    [InlineData("Stammtisch | 2026-11-23 19:00 | Krone | Plaetze = 7 | GAESTE=0 | Frist=22.11.2026", "Stammtisch", "2026-11-23 19:00", "Krone", 7, 0, "2026-11-22 23:59", null)]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | plätze=keine", "Stammtisch", "2026-11-23 19:00", "Krone", null, 0, null, null)]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | capacity=10000 | guests=10", "Stammtisch", "2026-11-23 19:00", "Krone", 10000, 10, null, null)]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone |", "Stammtisch", "2026-11-23 19:00", "Krone", null, 0, null, null)]
    [InlineData("  Treffen  am\nAbend |23.11. 19:00|  Krone,\n Hauptstraße 5 ", "Treffen am Abend", "2026-11-23 19:00", "Krone, Hauptstraße 5", null, 0, null, null)]
    [InlineData("Stammtisch | 23.11. 19:00-22:00 | Krone", "Stammtisch", "2026-11-23 19:00", "Krone", null, 0, null, null)]
    // A deadline on the day of the event alone, or at its start, is none: answers close when it starts anyway.
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | frist=23.11.", "Stammtisch", "2026-11-23 19:00", "Krone", null, 0, null, null)]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | frist=23.11. 19:00", "Stammtisch", "2026-11-23 19:00", "Krone", null, 0, null, null)]
    public void Parse_ALineThatWorks_GivesEveryField(
        string line, string title, string start, string place, int? capacity, int guests, string? deadline, string? chapter)
    {
        var form = Parsed(line);

        Assert.Equal(title, form.Title);
        Assert.Equal(start, Local(form.Start));
        Assert.Equal(place, form.Place);
        Assert.Equal(capacity, form.Capacity);
        Assert.Equal(guests, form.MaxGuests);
        Assert.Equal(deadline, form.Deadline is { } d ? Local(d) : null);
        Assert.Equal(chapter, form.ChapterName);
    }

    [Theory]
    [InlineData("Stammtisch", FormField.When, FormErrorCode.Missing)]
    [InlineData("Stammtisch 23.11. 19:00 Krone", FormField.When, FormErrorCode.Missing)]
    [InlineData("Stammtisch | 23.11. 19:00", FormField.Place, FormErrorCode.Missing)]
    [InlineData("Stammtisch | 23.11. 19:00 |  ", FormField.Place, FormErrorCode.Missing)]
    [InlineData(" | 23.11. 19:00 | Krone", FormField.Title, FormErrorCode.Missing)]
    [InlineData("Stamm\u0007tisch | 23.11. 19:00 | Krone", FormField.Title, FormErrorCode.Unreadable)]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | capacity=0", FormField.Capacity, FormErrorCode.OutOfRange)]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | capacity=10001", FormField.Capacity, FormErrorCode.OutOfRange)]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | capacity=99999999999", FormField.Capacity, FormErrorCode.OutOfRange)]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | capacity=-3", FormField.Capacity, FormErrorCode.OutOfRange)]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | capacity=abc", FormField.Capacity, FormErrorCode.NotANumber)]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | plätze=20 Leute", FormField.Capacity, FormErrorCode.NotANumber)]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | capacity=", FormField.Capacity, FormErrorCode.Missing)]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | guests=11", FormField.Guests, FormErrorCode.OutOfRange)]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | gäste=-1", FormField.Guests, FormErrorCode.OutOfRange)]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | gäste=eins", FormField.Guests, FormErrorCode.NotANumber)]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | farbe=rot", FormField.Option, FormErrorCode.UnknownKey)]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | 20 Plätze", FormField.Option, FormErrorCode.NotAnOption)]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | frist=24.11.", FormField.Deadline, FormErrorCode.AfterStart)]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | frist=23.11. 20:00", FormField.Deadline, FormErrorCode.AfterStart)]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | frist=", FormField.Deadline, FormErrorCode.Missing)]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | repeat=sometimes", FormField.Repeat, FormErrorCode.Unreadable)]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | until=1.1.2027", FormField.Until, FormErrorCode.NoRepeat)]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | wiederholen=monatlich | bis=22.11.2026", FormField.Until, FormErrorCode.BeforeStart)]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | repeat=", FormField.Repeat, FormErrorCode.Missing)]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | capacity=5 | plätze=6", FormField.Capacity, FormErrorCode.Twice)]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | verband=", FormField.Chapter, FormErrorCode.Missing)]
    public void Parse_AMistake_NamesTheFieldAndWhatIsWrong(string line, FormField field, FormErrorCode code)
    {
        var error = Failed(line);

        Assert.Equal((field, code), (error.Field, error.Code));
    }

    [Theory]
    [InlineData("Stammtisch | 19.11.2026 19:00 | Krone", FormField.When, WhenErrorCode.InThePast)]
    [InlineData("Stammtisch | heute 10:00 | Krone", FormField.When, WhenErrorCode.InThePast)]
    [InlineData("Stammtisch | 31.04. 19:00 | Krone", FormField.When, WhenErrorCode.ImpossibleDate)]
    [InlineData("Stammtisch | Sa 23.11.2026 19:00 | Krone", FormField.When, WhenErrorCode.WeekdayMismatch)]
    [InlineData("Stammtisch | 23.11. 25:00 | Krone", FormField.When, WhenErrorCode.ImpossibleTime)]
    [InlineData("Stammtisch | 23.11. | Krone", FormField.When, WhenErrorCode.TimeMissing)]
    [InlineData("Stammtisch | 19:00 | Krone", FormField.When, WhenErrorCode.DateMissing)]
    [InlineData("Stammtisch | 23.11. 19:00 Krone | Hauptstraße", FormField.When, WhenErrorCode.UnexpectedText)]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | frist=19.11.2026", FormField.Deadline, WhenErrorCode.InThePast)]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | frist=irgendwann", FormField.Deadline, WhenErrorCode.UnknownDate)]
    public void Parse_ADateThatCannotBeUsed_PassesTheDateParsersReasonOn(string line, FormField field, WhenErrorCode code)
    {
        var error = Failed(line);

        Assert.Equal((field, FormErrorCode.When, code), (error.Field, error.Code, error.When?.Code));
    }

    [Fact]
    public void Parse_WeekdayMismatch_KnowsTheRealWeekday()
    {
        var error = Failed("Stammtisch | Sa 23.11.2026 19:00 | Krone");

        Assert.Equal(DayOfWeek.Monday, error.When!.ActualWeekday);
        Assert.Equal(new DateOnly(2026, 11, 23), error.When.Date);
    }

    [Fact]
    public void Parse_TooLongTitle_IsRefused_AndQuotedOnlyInPart()
    {
        var error = Failed($"{new string('A', 121)} | 23.11. 19:00 | Krone");

        Assert.Equal((FormField.Title, FormErrorCode.TooLong, 120), (error.Field, error.Code, error.Limit));
        Assert.True(error.Typed.Length <= 41, error.Typed);
    }

    [Fact]
    public void Parse_TooLongPlace_IsRefused()
    {
        var error = Failed($"Stammtisch | 23.11. 19:00 | {new string('B', 201)}");

        Assert.Equal((FormField.Place, FormErrorCode.TooLong, 200), (error.Field, error.Code, error.Limit));
    }

    [Fact]
    public void Parse_AHugeLine_IsRefusedBeforeItIsRead()
    {
        var error = Failed(string.Join(" | ", Enumerable.Repeat("Stammtisch", 1000)));

        Assert.Equal((FormField.Line, FormErrorCode.TooLong), (error.Field, error.Code));
    }

    [Fact]
    public void Parse_QuotesWhatWasTyped()
    {
        Assert.Equal("abc", Failed("Stammtisch | 23.11. 19:00 | Krone | plätze=abc").Typed);
        Assert.Equal("farbe", Failed("Stammtisch | 23.11. 19:00 | Krone | farbe=rot").Typed);
        Assert.Equal("31.04.", Failed("Stammtisch | 31.04. 19:00 | Krone").When!.Fragment);
    }

    [Fact]
    public void Parse_ATimeInTheSpringGap_MovesPastIt_AndSaysSo()
    {
        var form = Parsed("Frühlingsfest | 28.03.2027 02:30 | Krone");

        Assert.Equal(DstResolution.MovedPastGap, form.Start.Dst);
        Assert.Equal(new TimeOnly(3, 30), form.Start.ActualTime);
        Assert.Equal(new DateTime(2027, 3, 28, 1, 30, 0, DateTimeKind.Utc), form.Start.UtcDateTime);
        Assert.Equal([form.Start], form.DstNotes);
    }

    [Fact]
    public void Parse_ATimeThatHappensTwice_TakesTheFirst_AndSaysSo()
    {
        var form = Parsed("Herbstfest | 25.10.2026 02:30 | Krone", Berlin.At(2026, 10, 1, 12, 0));

        Assert.Equal(DstResolution.FirstOfTwo, form.Start.Dst);
        Assert.Equal(new DateTime(2026, 10, 25, 0, 30, 0, DateTimeKind.Utc), form.Start.UtcDateTime);
        Assert.Single(form.DstNotes);
    }

    [Fact]
    public void Draft_HasTheTimesInUtc()
    {
        var draft = Parsed("Stammtisch | 23.11. 19:00 | Krone | frist=22.11. 12:00 | plätze=9 | gäste=1").Draft(chapterId: 7);

        Assert.Equal(new DateTime(2026, 11, 23, 18, 0, 0, DateTimeKind.Utc), draft.StartsAt);
        Assert.Equal(new DateTime(2026, 11, 22, 11, 0, 0, DateTimeKind.Utc), draft.DeadlineAt);
        Assert.Equal((7L, 9, 1), (draft.ChapterId, draft.Capacity, draft.MaxGuests));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("Unbegrenzt")]
    [InlineData("keine")]
    public void ReadCapacity_NoLimitInWords_IsNoLimit(string typed) =>
        Assert.Equal(new FormResult<int?>.Parsed(null), NewEventForm.ReadCapacity(typed));

    private static NewEventForm Parsed(string line, ChapterClock? clock = null) =>
        NewEventForm.Parse(line, clock ?? Berlin.Friday()) is FormResult<NewEventForm>.Parsed(var form)
            ? form
            : throw new Xunit.Sdk.XunitException($"Expected a form, got {NewEventForm.Parse(line, clock ?? Berlin.Friday())}");

    private static FormError Failed(string line) =>
        NewEventForm.Parse(line, Berlin.Friday()) is FormResult<NewEventForm>.Failed(var error)
            ? error
            : throw new Xunit.Sdk.XunitException($"Expected an error, got {NewEventForm.Parse(line, Berlin.Friday())}");

    private static string Local(ZonedTime time) => time.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
