using System.Globalization;
using Bot.Domain.Time;

namespace Bot.Tests.Time;

/// <summary>Unless a test says otherwise, it is Friday 20 November 2026, 14:00 in Berlin.</summary>
public sealed class WhenParserTests
{
    [Theory]
    // numbers
    [InlineData("23.11.", "2026-11-23")]
    [InlineData("23.11", "2026-11-23")]
    [InlineData("23.11.2026", "2026-11-23")]
    [InlineData("23.11.2026.", "2026-11-23")]
    [InlineData("23.11.26", "2026-11-23")]
    [InlineData("2026-11-23", "2026-11-23")]
    [InlineData("1.12.", "2026-12-01")]
    [InlineData("01.02.", "2027-02-01")]
    [InlineData("am 23.11.", "2026-11-23")]
    // words
    [InlineData("heute", "2026-11-20")]
    [InlineData("Today", "2026-11-20")]
    [InlineData("morgen", "2026-11-21")]
    [InlineData("TOMORROW", "2026-11-21")]
    [InlineData("Morgen.", "2026-11-21")]
    [InlineData("übermorgen", "2026-11-22")]
    [InlineData("Uebermorgen", "2026-11-22")]
    [InlineData("u\u0308bermorgen", "2026-11-22")]
    // weekdays: the next one, today included
    [InlineData("Dienstag", "2026-11-24")]
    [InlineData("Di", "2026-11-24")]
    [InlineData("Di.", "2026-11-24")]
    [InlineData("tue", "2026-11-24")]
    [InlineData("Tuesday", "2026-11-24")]
    [InlineData("on Tuesday", "2026-11-24")]
    [InlineData("nächsten Dienstag", "2026-11-24")]
    [InlineData("next tuesday", "2026-11-24")]
    [InlineData("Sonnabend", "2026-11-21")]
    [InlineData("So", "2026-11-22")]
    [InlineData("Donnerstag", "2026-11-26")]
    [InlineData("Freitag", "2026-11-20")]
    [InlineData("Fri", "2026-11-20")]
    [InlineData("nächsten Freitag", "2026-11-27")]
    [InlineData("next Friday", "2026-11-27")]
    // weekday and date that agree
    [InlineData("Mo 23.11.", "2026-11-23")]
    [InlineData("Sa, 21.11.", "2026-11-21")]
    [InlineData("Samstag, den 21.11.2026", "2026-11-21")]
    [InlineData("Sat 2026-11-21", "2026-11-21")]
    // year-less dates that have passed long ago are next year's; leap days the next that exists
    [InlineData("1.1.", "2027-01-01")]
    [InlineData("15.10.", "2027-10-15")]
    [InlineData("29.02.", "2028-02-29")]
    [InlineData("29.2.2028", "2028-02-29")]
    public void ParseDate_FormsPeopleType_GiveTheDateMeant(string text, string expected)
    {
        var date = Berlin.Parsed(WhenParser.ParseDate(text, Berlin.Friday()));

        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), date);
    }

    [Theory]
    [InlineData("23.11. 18:00", "2026-11-23", "18:00")]
    [InlineData("23.11. 18.00", "2026-11-23", "18:00")]
    [InlineData("23.11 18.00", "2026-11-23", "18:00")]
    [InlineData("23.11. 18 Uhr", "2026-11-23", "18:00")]
    [InlineData("23.11. 18Uhr", "2026-11-23", "18:00")]
    [InlineData("23.11. 18:30 Uhr", "2026-11-23", "18:30")]
    [InlineData("23.11. 18h", "2026-11-23", "18:00")]
    [InlineData("23.11. 18 h", "2026-11-23", "18:00")]
    [InlineData("23.11. 18 Uhr.", "2026-11-23", "18:00")]
    [InlineData("23.11. 6pm", "2026-11-23", "18:00")]
    [InlineData("23.11. 6 PM", "2026-11-23", "18:00")]
    [InlineData("23.11. 6:30 pm", "2026-11-23", "18:30")]
    [InlineData("23.11. 6 p.m.", "2026-11-23", "18:00")]
    [InlineData("23.11. 9am", "2026-11-23", "09:00")]
    [InlineData("23.11. 12am", "2026-11-23", "00:00")]
    [InlineData("23.11. 12:30am", "2026-11-23", "00:30")]
    [InlineData("23.11. 12pm", "2026-11-23", "12:00")]
    [InlineData("23.11. 0:00", "2026-11-23", "00:00")]
    [InlineData("23.11. 23:59", "2026-11-23", "23:59")]
    [InlineData("2026-11-23 18:00", "2026-11-23", "18:00")]
    [InlineData("Sa, 21.11. um 18 Uhr", "2026-11-21", "18:00")]
    [InlineData("Sa 21.11., 18 Uhr", "2026-11-21", "18:00")]
    [InlineData("  Sa ,21.11.  um   18 Uhr ", "2026-11-21", "18:00")]
    [InlineData("morgen 19 Uhr", "2026-11-21", "19:00")]
    [InlineData("Morgen. 19 Uhr", "2026-11-21", "19:00")]
    [InlineData("tomorrow at 7pm", "2026-11-21", "19:00")]
    [InlineData("heute 18:00", "2026-11-20", "18:00")]
    [InlineData("heute 14:00", "2026-11-20", "14:00")]
    [InlineData("Di 18.00", "2026-11-24", "18:00")]
    [InlineData("Dienstag 18 Uhr", "2026-11-24", "18:00")]
    // a weekday typed on that day: today while the time is ahead, else next week
    [InlineData("Freitag 18:00", "2026-11-20", "18:00")]
    [InlineData("Freitag 10:00", "2026-11-27", "10:00")]
    [InlineData("nächsten Freitag 18:00", "2026-11-27", "18:00")]
    public void Parse_DateAndTime_GivesTheDateAndTimeMeant(string text, string date, string time)
    {
        var when = Berlin.Parsed(WhenParser.Parse(text, Berlin.Friday(), WhenForm.DateAndTime));

        Assert.Equal(DateOnly.Parse(date, CultureInfo.InvariantCulture), when.Date);
        Assert.Equal(TimeOnly.Parse(time, CultureInfo.InvariantCulture), when.Time);
        Assert.Null(when.End);
    }

    [Theory]
    [InlineData("Sa 21.11. 10-13 Uhr", "10:00", "13:00")]
    [InlineData("21.11. 10:00-13:00", "10:00", "13:00")]
    [InlineData("21.11. 10-13", "10:00", "13:00")]
    [InlineData("21.11. 10 - 13", "10:00", "13:00")]
    [InlineData("21.11. 10–13 Uhr", "10:00", "13:00")]
    [InlineData("21.11. 10 Uhr - 13 Uhr", "10:00", "13:00")]
    [InlineData("21.11. 10 bis 13 Uhr", "10:00", "13:00")]
    [InlineData("21.11. von 10 bis 13 Uhr", "10:00", "13:00")]
    [InlineData("21.11. 9:30-12", "09:30", "12:00")]
    [InlineData("21.11. 6-9pm", "18:00", "21:00")]
    [InlineData("21.11. 11-1pm", "11:00", "13:00")]
    [InlineData("21.11. 10am-2pm", "10:00", "14:00")]
    [InlineData("21.11. 9am-5", "09:00", "17:00")]
    [InlineData("21.11. from 10 to 1pm", "10:00", "13:00")]
    public void Parse_DateAndTimeRange_GivesStartAndEnd(string text, string start, string end)
    {
        var when = Berlin.Parsed(WhenParser.Parse(text, Berlin.Friday(), WhenForm.DateAndTimeRange));

        Assert.Equal(new DateOnly(2026, 11, 21), when.Date);
        Assert.Equal(TimeOnly.Parse(start, CultureInfo.InvariantCulture), when.Time);
        Assert.Equal(TimeOnly.Parse(end, CultureInfo.InvariantCulture), when.EndTime);
    }

    [Theory]
    // what cannot be read at all
    [InlineData("", WhenErrorCode.Missing, "")]
    [InlineData("   ", WhenErrorCode.Missing, "")]
    [InlineData(" , ", WhenErrorCode.Missing, "")]
    [InlineData("abc", WhenErrorCode.UnknownDate, "abc")]
    [InlineData("🎉", WhenErrorCode.UnknownDate, "🎉")]
    [InlineData("🎉 18:00", WhenErrorCode.UnknownDate, "🎉")]
    [InlineData("23/11 18:00", WhenErrorCode.UnknownDate, "23/11")]
    [InlineData("nächsten 18:00", WhenErrorCode.UnknownDate, "nächsten 18:00")]
    [InlineData("1.2.3.4 18:00", WhenErrorCode.UnknownDate, "1.2.3.4")]
    [InlineData("18:00", WhenErrorCode.DateMissing, "18:00")]
    [InlineData("um 18 Uhr", WhenErrorCode.DateMissing, "um 18 Uhr")]
    // dates that do not exist
    [InlineData("31.04. 18:00", WhenErrorCode.ImpossibleDate, "31.04.")]
    [InlineData("29.02.2027 18:00", WhenErrorCode.ImpossibleDate, "29.02.2027")]
    [InlineData("32.1. 18:00", WhenErrorCode.ImpossibleDate, "32.1.")]
    [InlineData("32.13. 18:00", WhenErrorCode.ImpossibleDate, "32.13.")]
    [InlineData("0.1. 18:00", WhenErrorCode.ImpossibleDate, "0.1.")]
    [InlineData("2026-13-01 18:00", WhenErrorCode.ImpossibleDate, "2026-13-01")]
    [InlineData("Sa 31.04.", WhenErrorCode.ImpossibleDate, "31.04.")]
    // times that cannot be read or do not exist
    [InlineData("23.11. 25:00", WhenErrorCode.ImpossibleTime, "25:00")]
    [InlineData("23.11. 24:00", WhenErrorCode.ImpossibleTime, "24:00")]
    [InlineData("23.11. 18:60", WhenErrorCode.ImpossibleTime, "18:60")]
    [InlineData("23.11. 13pm", WhenErrorCode.ImpossibleTime, "13pm")]
    [InlineData("23.11. 0 am", WhenErrorCode.ImpossibleTime, "0 am")]
    [InlineData("23.11. 18:5", WhenErrorCode.UnknownTime, "18:5")]
    [InlineData("23.11. 18:600", WhenErrorCode.UnknownTime, "18:600")]
    [InlineData("23.11. 1800", WhenErrorCode.UnknownTime, "1800")]
    [InlineData("23.11. abends", WhenErrorCode.UnknownTime, "abends")]
    [InlineData("23.11. 18", WhenErrorCode.UnknownTime, "18")]
    [InlineData("23.11. 18:00 Rathaus", WhenErrorCode.UnexpectedText, "Rathaus")]
    [InlineData("23.11. 18:00-20:00 Uhr extra", WhenErrorCode.UnexpectedText, "extra")]
    [InlineData("23.11.", WhenErrorCode.TimeMissing, "23.11.")]
    [InlineData("23.11. um", WhenErrorCode.TimeMissing, "23.11. um")]
    // a weekday that is not the date's
    [InlineData("Sa 23.11. 18:00", WhenErrorCode.WeekdayMismatch, "Sa 23.11.")]
    // already gone
    [InlineData("20.11.2025 18:00", WhenErrorCode.InThePast, "20.11.2025 18:00")]
    [InlineData("2020-11-23 18:00", WhenErrorCode.InThePast, "2020-11-23 18:00")]
    [InlineData("heute 8 Uhr", WhenErrorCode.InThePast, "heute 8 Uhr")]
    [InlineData("20.11. 13:59", WhenErrorCode.InThePast, "20.11. 13:59")]
    [InlineData("23.11.3026 18:00", WhenErrorCode.TooFarAhead, "23.11.3026 18:00")]
    [InlineData("23.11.9999 18:00", WhenErrorCode.TooFarAhead, "23.11.9999 18:00")]
    [InlineData("23.11.0000 18:00", WhenErrorCode.ImpossibleDate, "23.11.0000")]
    public void Parse_Mistakes_ComeBackAsCodeAndTheFragmentAtFault(string text, WhenErrorCode code, string fragment)
    {
        var error = Berlin.Failed(WhenParser.Parse(text, Berlin.Friday(), WhenForm.DateAndTime));

        Assert.Equal((code, fragment), (error.Code, error.Fragment));
        Assert.Equal(WhenExample.DateAndTime, error.Example);
    }

    [Fact]
    public void Parse_WeekdayThatIsNotTheDates_SaysWhichWeekdayItIs()
    {
        var error = Berlin.Failed(WhenParser.Parse("Sa 23.11.", Berlin.Friday()));

        Assert.Equal(WhenErrorCode.WeekdayMismatch, error.Code);
        Assert.Equal(DayOfWeek.Monday, error.ActualWeekday);
        Assert.Equal(new DateOnly(2026, 11, 23), error.Date);
    }

    [Theory]
    [InlineData("19.11.")]
    [InlineData("19.11. 18:00")]
    [InlineData("1.11. 18:00")]
    public void Parse_ADateWithoutYearThatHasPassed_IsTheNextOneToCome(string text)
    {
        var when = Berlin.Parsed(WhenParser.Parse(text, Berlin.Friday()));

        Assert.Equal(2027, when.Date.Year);
    }

    [Fact]
    public void Parse_TodayAtATimeAlreadyGone_IsRefused()
    {
        var error = Berlin.Failed(WhenParser.Parse("heute 13:59", Berlin.Friday()));

        Assert.Equal(WhenErrorCode.InThePast, error.Code);
    }

    [Fact]
    public void Parse_DateWithoutYearInDecember_RollsOverIntoNextYear()
    {
        var clock = Berlin.At(2026, 12, 30, 10, 0);

        var when = Berlin.Parsed(WhenParser.Parse("Sa 2.1. 18 Uhr", clock, WhenForm.DateAndTime));

        Assert.Equal(new DateOnly(2027, 1, 2), when.Date);
        Assert.Equal(new DateOnly(2027, 1, 2), Berlin.Parsed(WhenParser.ParseDate("2.1.", clock)));
        Assert.Equal(new DateOnly(2027, 1, 1), Berlin.Parsed(WhenParser.ParseDate("1.1.", clock)));
    }

    [Fact]
    public void Parse_NewYearsEveJustBeforeMidnight_IsStillThisYearsDate()
    {
        var clock = Berlin.At(2026, 12, 31, 23, 30);

        Assert.Equal(new DateOnly(2026, 12, 31), Berlin.Parsed(WhenParser.Parse("31.12. 23:45", clock)).Date);
        Assert.Equal(new DateOnly(2027, 1, 1), Berlin.Parsed(WhenParser.Parse("morgen 10 Uhr", clock)).Date);
    }

    [Fact]
    public void Parse_LeapDayWithoutYearInALeapYearAfterIt_IsTheNextLeapYears()
    {
        var clock = Berlin.At(2028, 6, 1, 12, 0);

        Assert.Equal(new DateOnly(2032, 2, 29), Berlin.Parsed(WhenParser.ParseDate("29.02.", clock)));
    }

    [Fact]
    public void Parse_DateWithoutYear_TodayCountsWhileTheTimeIsAhead()
    {
        var clock = Berlin.Friday();

        Assert.Equal(new DateOnly(2026, 11, 20), Berlin.Parsed(WhenParser.Parse("20.11. 18:00", clock)).Date);
        Assert.Equal(new DateOnly(2026, 11, 20), Berlin.Parsed(WhenParser.ParseDate("20.11.", clock)));
    }

    [Fact]
    public void Parse_StartAndEnd_ArePinnedToInstants()
    {
        var when = Berlin.Parsed(WhenParser.Parse("Sa 21.11. 10-13 Uhr", Berlin.Friday(), WhenForm.DateAndTimeRange));

        Assert.Equal(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.FromHours(1)), when.Start?.At);
        Assert.Equal(new DateTime(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc), when.End?.UtcDateTime);
        Assert.False(when.HasDstNote);
    }

    [Fact]
    public void Parse_MeetingInTheSpringGap_MovesToAfterTheGapWithANote()
    {
        var clock = Berlin.At(2026, 3, 1, 12, 0);

        var when = Berlin.Parsed(WhenParser.Parse("So 29.03. 02:30", clock, WhenForm.DateAndTime));

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 3, 30, 0, TimeSpan.FromHours(2)), when.Start?.At);
        Assert.Equal(DstResolution.MovedPastGap, when.Start?.Dst);
        Assert.Equal(new TimeOnly(2, 30), when.Time);
        Assert.True(when.HasDstNote);
    }

    [Theory]
    [InlineData("29.03. 01:59", "2026-03-29T01:59:00+01:00")]
    [InlineData("29.03. 03:00", "2026-03-29T03:00:00+02:00")]
    [InlineData("25.10. 01:59", "2026-10-25T01:59:00+02:00")]
    [InlineData("25.10. 03:00", "2026-10-25T03:00:00+01:00")]
    public void Parse_MinutesAroundTheClockChanges_AreExact(string text, string expected)
    {
        var when = Berlin.Parsed(WhenParser.Parse(text, Berlin.At(2026, 3, 1, 12, 0)));

        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), when.Start?.At);
        Assert.False(when.HasDstNote);
    }

    [Fact]
    public void Parse_MeetingInTheDoubledAutumnHour_IsTheFirstWithANote()
    {
        var when = Berlin.Parsed(WhenParser.Parse("25.10.2026 2:30", Berlin.At(2026, 10, 1, 12, 0)));

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.FromHours(2)), when.Start?.At);
        Assert.Equal(DstResolution.FirstOfTwo, when.Start?.Dst);
        Assert.True(when.HasDstNote);
    }

    [Fact]
    public void Parse_ShiftAcrossTheSpringGap_LastsAnHourLessThanTheClockSays()
    {
        var when = Berlin.Parsed(WhenParser.Parse("29.03. 1-4 Uhr", Berlin.At(2026, 3, 1, 12, 0), WhenForm.DateAndTimeRange));

        Assert.Equal(TimeSpan.FromHours(2), when.End?.At - when.Start?.At);
        Assert.False(when.HasDstNote);
    }

    [Fact]
    public void Parse_RangeThatRunsBackwardsOnlyBecauseOfTheGap_IsRefused()
    {
        var error = Berlin.Failed(WhenParser.Parse("29.03. 02:30-03:00", Berlin.At(2026, 3, 1, 12, 0), WhenForm.DateAndTimeRange));

        Assert.Equal(WhenErrorCode.EndBeforeStart, error.Code);
    }

    [Theory]
    [InlineData("21.11. 13-10", WhenErrorCode.EndBeforeStart, "13-10")]
    [InlineData("21.11. 22-2", WhenErrorCode.EndBeforeStart, "22-2")]
    [InlineData("21.11. 10-10", WhenErrorCode.EndBeforeStart, "10-10")]
    [InlineData("21.11. 10:00", WhenErrorCode.EndMissing, "10:00")]
    [InlineData("21.11. 10-", WhenErrorCode.EndMissing, "10-")]
    [InlineData("21.11.", WhenErrorCode.TimeMissing, "21.11.")]
    [InlineData("21.11. 10-25", WhenErrorCode.ImpossibleTime, "25")]
    [InlineData("21.11. 10-abc", WhenErrorCode.UnknownTime, "abc")]
    public void Parse_ShiftWithoutAProperRange_IsRefused(string text, WhenErrorCode code, string fragment)
    {
        var error = Berlin.Failed(WhenParser.Parse(text, Berlin.Friday(), WhenForm.DateAndTimeRange));

        Assert.Equal((code, fragment, WhenExample.DateAndTimeRange), (error.Code, error.Fragment, error.Example));
    }

    [Fact]
    public void Parse_DeadlineWithoutTime_IsJustTheDate()
    {
        var when = Berlin.Parsed(WhenParser.Parse("23.11.", Berlin.Friday()));

        Assert.Equal((new DateOnly(2026, 11, 23), (ZonedTime?)null, (ZonedTime?)null), (when.Date, when.Start, when.End));
    }

    [Fact]
    public void Parse_TenThousandCharacters_IsRefusedAsTooLong()
    {
        var error = Berlin.Failed(WhenParser.Parse(new string('1', 10_000), Berlin.Friday()));

        Assert.Equal(WhenErrorCode.TooLong, error.Code);
    }

    [Fact]
    public void Parse_NothingAtAll_IsMissing()
    {
        Assert.Equal(WhenErrorCode.Missing, Berlin.Failed(WhenParser.Parse(null, Berlin.Friday())).Code);
        Assert.Equal(WhenErrorCode.Missing, Berlin.Failed(WhenParser.ParseTime(null)).Code);
    }

    [Fact]
    public void AnyEntryPoint_RandomTyping_AnswersWithoutThrowing()
    {
        const string keys = "0123456789..::--– ,/aAmpPhuUrSsDdiäüß🎉\ud83d";
        var random = new Random(2026);

        string[] words = ["Sa", "So.", "nächsten", "heute", "29.02.", "31.12.9999", "29.03.", "2026-10-25", "1.1.01", "02:30", "10-13", "24:00", "12am", "Uhr", "pm", "bis", "-", "um"];
        var clock = Berlin.At(2026, 3, 28, 23, 0);

        for (var n = 0; n < 5000; n++)
        {
            var text = n % 2 == 0
                ? new string([.. Enumerable.Range(0, random.Next(1, 25)).Select(_ => keys[random.Next(keys.Length)])])
                : string.Join(' ', Enumerable.Range(0, random.Next(1, 6)).Select(_ => words[random.Next(words.Length)]));

            Assert.NotNull(WhenParser.Parse(text, clock, (WhenForm)(n % 3)));
            Assert.NotNull(WhenParser.ParseDate(text, clock));
            Assert.NotNull(WhenParser.ParseTime(text));
            Assert.NotNull(WhenParser.ParseTimeRange(text));
        }
    }

    [Fact]
    public void Parse_LoneSurrogate_IsAnUnknownDateNotACrash()
    {
        var error = Berlin.Failed(WhenParser.Parse("\ud83d 18:00", Berlin.Friday()));

        Assert.Equal(WhenErrorCode.UnknownDate, error.Code);
    }

    [Theory]
    [InlineData("19.11.2026", WhenErrorCode.InThePast)]
    [InlineData("morgen 18 Uhr", WhenErrorCode.UnexpectedText)]
    [InlineData("18:00", WhenErrorCode.DateMissing)]
    [InlineData("32.1.", WhenErrorCode.ImpossibleDate)]
    [InlineData("xyz", WhenErrorCode.UnknownDate)]
    public void ParseDate_Mistakes_ShowTheDateExample(string text, WhenErrorCode code)
    {
        var error = Berlin.Failed(WhenParser.ParseDate(text, Berlin.Friday()));

        Assert.Equal((code, WhenExample.Date), (error.Code, error.Example));
    }

    [Theory]
    [InlineData("18:00", "18:00")]
    [InlineData("um 18.00", "18:00")]
    [InlineData("18 Uhr", "18:00")]
    [InlineData("18h", "18:00")]
    [InlineData("6pm", "18:00")]
    [InlineData("6:30 pm", "18:30")]
    [InlineData("12am", "00:00")]
    [InlineData("12pm", "12:00")]
    [InlineData("7 a.m.", "07:00")]
    public void ParseTime_FormsPeopleType_GiveTheTimeMeant(string text, string expected)
    {
        Assert.Equal(TimeOnly.Parse(expected, CultureInfo.InvariantCulture), Berlin.Parsed(WhenParser.ParseTime(text)));
    }

    [Theory]
    [InlineData("25:00", WhenErrorCode.ImpossibleTime, "25:00")]
    [InlineData("18:60", WhenErrorCode.ImpossibleTime, "18:60")]
    [InlineData("18", WhenErrorCode.UnknownTime, "18")]
    [InlineData("abc", WhenErrorCode.UnknownTime, "abc")]
    [InlineData("🕕", WhenErrorCode.UnknownTime, "🕕")]
    [InlineData("10-13", WhenErrorCode.UnexpectedText, "-13")]
    [InlineData("um", WhenErrorCode.Missing, "")]
    public void ParseTime_Mistakes_ShowTheTimeExample(string text, WhenErrorCode code, string fragment)
    {
        var error = Berlin.Failed(WhenParser.ParseTime(text));

        Assert.Equal((code, fragment, WhenExample.Time), (error.Code, error.Fragment, error.Example));
    }

    [Theory]
    [InlineData("10-13", "10:00", "13:00")]
    [InlineData("10:00 - 13:30 Uhr", "10:00", "13:30")]
    [InlineData("von 10 bis 13 Uhr", "10:00", "13:00")]
    [InlineData("6-9pm", "18:00", "21:00")]
    public void ParseTimeRange_FormsPeopleType_GiveStartAndEnd(string text, string start, string end)
    {
        var range = Berlin.Parsed(WhenParser.ParseTimeRange(text));

        Assert.Equal(
            new TimeRange(TimeOnly.Parse(start, CultureInfo.InvariantCulture), TimeOnly.Parse(end, CultureInfo.InvariantCulture)),
            range);
    }

    [Theory]
    [InlineData("10 Uhr", WhenErrorCode.EndMissing)]
    [InlineData("13-10", WhenErrorCode.EndBeforeStart)]
    [InlineData("10-24", WhenErrorCode.ImpossibleTime)]
    public void ParseTimeRange_Mistakes_ShowTheRangeExample(string text, WhenErrorCode code)
    {
        var error = Berlin.Failed(WhenParser.ParseTimeRange(text));

        Assert.Equal((code, WhenExample.TimeRange), (error.Code, error.Example));
    }

    [Fact]
    public void Combine_DateAskedEarlierAndATimeAlreadyGone_IsRefused()
    {
        var clock = Berlin.Friday();

        var error = Berlin.Failed(WhenParser.Combine(clock.Today, new TimeOnly(9, 0), clock));

        Assert.Equal((WhenErrorCode.InThePast, clock.Today), (error.Code, error.Date));
    }

    [Fact]
    public void Combine_DateAndRange_ArePinnedLikeTypedTogether()
    {
        var clock = Berlin.Friday();

        var when = Berlin.Parsed(WhenParser.Combine(new DateOnly(2026, 11, 21), new TimeRange(new TimeOnly(10, 0), new TimeOnly(13, 0)), clock));

        Assert.Equal(new DateTimeOffset(2026, 11, 21, 13, 0, 0, TimeSpan.FromHours(1)), when.End?.At);
    }
}
