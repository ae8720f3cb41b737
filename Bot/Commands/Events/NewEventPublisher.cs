using Bot.Commands.Calendar;
using Bot.Commands.Subscriptions;
using Bot.Domain.Calendar;
using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Messaging;
using Bot.Telegram.Rendering;
using Bot.Texts;

namespace Bot.Commands.Events;

/// <summary>Creates an event from a checked form, for the one-line command and the dialog alike, and makes it
/// known: a confirmation and the card (with the organizer's buttons) to the organizer, and the card in the
/// chapter's linked group.</summary>
internal sealed class NewEventPublisher(EventService events, EventCards cards, LocalTime time, CalendarService? calendar = null, EventAnnouncer? announcer = null)
{
    /// <summary>The domain's outcome; only when it is <see cref="CreateEventOutcome.Created"/> has anything been
    /// said, a refusal is for the caller to explain.</summary>
    public async Task<CreateEventOutcome> Create(ChatContext ctx, Chapter chapter, NewEventForm form, CancellationToken ct)
    {
        // The event, its cards and the replies commit together or not at all: the id the store gives the event
        // (a card is tagged with it) is still inside the update's transaction.
        var (outcome, repeats) = form.Repeat is { } rule && calendar is not null
            ? (await CreateSeries(ctx, chapter, form, rule, calendar, ct), (Html?)ctx.T("Calendar.Series.Created", RecurrenceTexts.Describe(ctx.Texts, ctx.Culture, rule, form.Until)))
            : (await events.Create(ctx.Permissions, form.Draft(chapter.Id), ct), null);
        if (outcome is not CreateEventOutcome.Created { Event: var created })
        {
            return outcome;
        }

        List<Html> parts = [ctx.T("NewEvent.Created", created.Title, time.DateAndTime(created.StartsAt, ctx.Culture), chapter.Name)];
        parts.AddRange(repeats is { } note ? [note] : []);
        parts.AddRange(form.DstNotes.Select(note => WhenTexts.DstNote(ctx.Texts, ctx.Culture, note)).OfType<Html>());
        parts.Add(chapter.GroupChatId is null ? ctx.T("NewEvent.Created.NoGroup", chapter.Name) : ctx.T("NewEvent.Created.Group", chapter.Name));
        ctx.Reply(Html.Join("\n\n", parts));
        await cards.Post(ctx.ReplyChatId, created.Id, ctx.Permissions, ctx.Culture, Urgency.Interactive, ct);
        if (chapter.GroupChatId is { } group)
        {
            // The group reads the bot's default language; its card shows counts, never names.
            await cards.Post(group, created.Id, null, ctx.Texts.CultureFor(null), Urgency.Bulk, ct);
        }

        if (announcer is not null)
        {
            await announcer.Announce(created, ctx.From.Id, ct);
        }

        return outcome;
    }

    /// <summary>A recurring entry: its first date becomes the event shown here, the later ones follow as they come near.</summary>
    private static async Task<CreateEventOutcome> CreateSeries(ChatContext ctx, Chapter chapter, NewEventForm form, Recurrence rule, CalendarService calendar, CancellationToken ct) =>
        await calendar.Create(ctx.Permissions, new SeriesDraft(chapter.Id, form.Title, form.Start.Date, form.Start.Time, form.Place, rule, form.Until, form.Capacity, form.Deadline?.UtcDateTime, form.MaxGuests), ct) switch
        {
            CreateSeriesOutcome.Created created => new CreateEventOutcome.Created(created.First),
            CreateSeriesOutcome.EventRefused refused => refused.Outcome,
            _ => throw new InvalidOperationException("The form checks that the rule names a date before until=."),
        };
}
