using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Messaging;
using Bot.Telegram.Rendering;
using Bot.Texts;

namespace Bot.Commands.Events;

/// <summary>Creates an event from a checked form, for the one-line command and the dialog alike, and makes it
/// known: a confirmation and the card (with the organizer's buttons) to the organizer, and the card in the
/// chapter's linked group.</summary>
internal sealed class NewEventPublisher(EventService events, EventCards cards, LocalTime time)
{
    /// <summary>The domain's outcome; only when it is <see cref="CreateEventOutcome.Created"/> has anything been
    /// said, a refusal is for the caller to explain.</summary>
    public async Task<CreateEventOutcome> Create(ChatContext ctx, Chapter chapter, NewEventForm form, CancellationToken ct)
    {
        // The event, its cards and the replies commit together or not at all: the id the store gives the event
        // (a card is tagged with it) is still inside the update's transaction.
        var outcome = await events.Create(ctx.Permissions, form.Draft(chapter.Id), ct);
        if (outcome is not CreateEventOutcome.Created { Event: var created })
        {
            return outcome;
        }

        List<Html> parts = [ctx.T("NewEvent.Created", created.Title, time.DateAndTime(created.StartsAt, ctx.Culture), chapter.Name)];
        parts.AddRange(form.DstNotes.Select(note => WhenTexts.DstNote(ctx.Texts, ctx.Culture, note)).OfType<Html>());
        parts.Add(chapter.GroupChatId is null ? ctx.T("NewEvent.Created.NoGroup", chapter.Name) : ctx.T("NewEvent.Created.Group", chapter.Name));
        ctx.Reply(Html.Join("\n\n", parts));
        await cards.Post(ctx.ReplyChatId, created.Id, ctx.Permissions, ctx.Culture, Urgency.Interactive, ct);
        if (chapter.GroupChatId is { } group)
        {
            // The group reads the bot's default language; its card shows counts, never names.
            await cards.Post(group, created.Id, null, ctx.Texts.CultureFor(null), Urgency.Bulk, ct);
        }

        return outcome;
    }
}
