using System.Globalization;
using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Time;
using Bot.Telegram.Rendering;

namespace Bot.Commands.Events;

/// <summary>What /newevent says about mistakes, the same from the one-line form and from the dialog: which field,
/// what was typed, what was wrong, and an example that works.</summary>
internal static class NewEventTexts
{
    /// <summary>More chapters than this are not listed or offered as buttons; the rest can be typed.</summary>
    public const int MaxChapters = 20;

    /// <summary>The mistake in one field, with an example where the field has one of its own (dates).</summary>
    public static Html Problem(ChatContext ctx, FormError error, ChapterClock clock)
    {
        if (error is { Code: FormErrorCode.When, When: { } when })
        {
            var label = ctx.T(error.Field == FormField.Deadline ? "NewEvent.Field.Deadline" : "NewEvent.Field.When");
            return Html.Format($"⚠️ <b>{label}:</b> {WhenTexts.Error(ctx.Texts, ctx.Culture, when, error.Typed, clock.Today)}");
        }

        var key = error.Code == FormErrorCode.Twice ? "NewEvent.Error.Twice" : $"NewEvent.Error.{error.Field}.{error.Code}";
        var text = Bot.Texts.TextCatalog.Exists(key)
            ? ctx.T(key, error.Typed, error.Limit)
            : ctx.T("NewEvent.Error.Other", error.Typed);
        return Html.Format($"⚠️ {text}");
    }

    /// <summary>A whole line that works, with the optional field that went wrong, and the way to the dialog.</summary>
    public static Html LineHelp(ChatContext ctx, FormField field, ChapterClock clock, string? chapterName = null)
    {
        var example = WhenTexts.SampleDateAndTime(ctx.Culture, clock.Today);
        var option = field switch
        {
            FormField.Guests => ctx.Plain("NewEvent.Sample.Guests"),
            FormField.Deadline => ctx.Plain("NewEvent.Sample.Deadline", WhenTexts.Sample(ctx.Culture, WhenTexts.SampleDay(clock.Today).AddDays(-1), "12:00")),
            FormField.Chapter when chapterName is not null => ctx.Plain("NewEvent.Sample.Chapter", chapterName),
            FormField.Note => ctx.Plain("NewEvent.Sample.Note"),
            _ => ctx.Plain("NewEvent.Sample.Capacity"),
        };
        return ctx.T("NewEvent.Line.Help", ctx.Plain("NewEvent.Sample.Line", example, option));
    }

    /// <summary>The chapters this person may create events for, as a list to read.</summary>
    public static Html ChapterList(ChatContext ctx)
    {
        var chapters = Creatable(ctx.Permissions);
        var names = string.Join(", ", chapters.Take(MaxChapters).Select(c => c.Name));
        return ctx.T(chapters.Count > MaxChapters ? "NewEvent.Chapter.OptionsMore" : "NewEvent.Chapter.Options", names, chapters.Count - MaxChapters);
    }

    /// <summary>The chapters in which this person may create events, in tree order.</summary>
    public static IReadOnlyList<Chapter> Creatable(Permissions permissions) => permissions.Organized();

    /// <summary>The chapters a question offers as buttons: every one this person may create events in, those
    /// below their own included (they could mean any of them), in tree order; beyond that, the name is typed.</summary>
    public static IReadOnlyList<Chapter> Offered(Permissions permissions) =>
        permissions.Organized().Take(MaxChapters).ToList();

    /// <summary>A refusal of the domain as a mistake in the field it is about, so it reads like the others.</summary>
    public static FormError FromProblem(EventProblem problem, NewEventForm form) =>
        problem switch
        {
            EventProblem.TitleMissing => new FormError(FormField.Title, FormErrorCode.Missing, ""),
            EventProblem.TitleTooLong => new FormError(FormField.Title, FormErrorCode.TooLong, "") { Limit = Event.MaxTitleLength },
            EventProblem.PlaceMissing => new FormError(FormField.Place, FormErrorCode.Missing, ""),
            EventProblem.PlaceTooLong => new FormError(FormField.Place, FormErrorCode.TooLong, "") { Limit = Event.MaxPlaceLength },
            EventProblem.InThePast => Past(FormField.When, form.Start),
            EventProblem.DeadlineInThePast when form.Deadline is { } deadline => Past(FormField.Deadline, deadline),
            EventProblem.DeadlineAfterStart or EventProblem.DeadlineInThePast => new FormError(FormField.Deadline, FormErrorCode.AfterStart, ""),
            EventProblem.NoteTooLong => new FormError(FormField.Note, FormErrorCode.TooLong, "") { Limit = Event.MaxNoteLength },
            EventProblem.CapacityOutOfRange => new FormError(FormField.Capacity, FormErrorCode.OutOfRange, Number(form.Capacity)) { Limit = Event.MaxCapacity },
            _ => new FormError(FormField.Guests, FormErrorCode.OutOfRange, Number(form.MaxGuests)) { Limit = Event.MaxGuestsAllowed },
        };

    private static FormError Past(FormField field, ZonedTime time) =>
        new(field, FormErrorCode.When, "")
        {
            When = new WhenError(WhenErrorCode.InThePast, "", WhenExample.DateAndTime) { Date = time.Date },
        };

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
