using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Messaging;
using Bot.Telegram.Outbox;
using Bot.Texts;

namespace Bot.Commands.Events;

/// <summary>Posts event cards and keeps every posted copy current. A card is an outbox message tagged with its
/// event, so where each copy went (chat and message id) is read back from the outbox once it is sent; after a
/// change every copy is edited, in each private chat as that reader sees it.</summary>
public sealed class EventCards(
    OutboxWriter outbox,
    ReaderCultures readers,
    EventCard card,
    EventService events,
    IEventStore eventStore,
    IChapterStore chapterStore,
    ChapterService chapters,
    TimeProvider clock)
{
    public static string Tag(long eventId) => $"card:{eventId}";

    /// <summary>Posts the card of an event into a chat, as <paramref name="reader"/> may see it (null in a group).</summary>
    public async Task Post(long chatId, long eventId, Permissions? reader, System.Globalization.CultureInfo culture, Urgency urgency, CancellationToken ct)
    {
        if (await View(eventId, reader, ct) is not { } view)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var chapter = (await chapterStore.Tree(ct)).Find(view.Event.ChapterId)?.Name ?? "";
        var organizer = reader?.CanOrganize(view.Event.ChapterId) == true;
        outbox.Send(chatId, card.Text(view, chapter, culture, now, forReader: reader is not null), card.Keyboard(view, culture, now, organizer), urgency, Tag(eventId));
    }

    /// <summary>Edits every posted copy of the card: at once in <paramref name="urgentChat"/> (where someone just
    /// pressed) and the group, later in the other private chats. <paramref name="pressed"/> is the copy under
    /// which a button was pressed: it is edited even if its sending is not recorded yet (a quick thumb).</summary>
    public async Task Refresh(long eventId, long? urgentChat, CancellationToken ct, (long ChatId, long MessageId)? pressed = null)
    {
        var tag = Tag(eventId);
        var copies = (await outbox.SentCopies(tag, ct)).ToList();
        if (pressed is { } p && !copies.Contains(p))
        {
            copies.Add(p);
        }

        if (copies.Count == 0)
        {
            return;
        }

        var tree = await chapterStore.Tree(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var cultures = await readers.Of(copies.Select(c => c.ChatId).ToList(), ct);
        foreach (var copy in copies)
        {
            var isPrivate = copy.ChatId > 0;
            var reader = isPrivate ? await chapters.PermissionsOf(copy.ChatId, ct) : null;
            if (await View(eventId, reader, ct) is not { } view)
            {
                continue;
            }

            var culture = cultures(copy.ChatId);
            var chapter = tree.Find(view.Event.ChapterId)?.Name ?? "";
            var organizer = reader?.CanOrganize(view.Event.ChapterId) == true;
            var urgency = copy.ChatId == urgentChat || !isPrivate ? Urgency.Interactive : Urgency.Bulk;
            outbox.Edit(copy.ChatId, copy.MessageId, card.Text(view, chapter, culture, now, isPrivate), card.Keyboard(view, culture, now, organizer), urgency, tag);
        }
    }

    private async Task<EventView?> View(long eventId, Permissions? reader, CancellationToken ct)
    {
        if (reader is not null)
        {
            return await events.View(reader, eventId, ct);
        }

        // A group card is the chapter's own: counts only, no reader.
        var @event = await eventStore.Event(eventId, ct);
        return @event is null ? null : new EventView(@event, Waitlist.Of(@event, await eventStore.Rsvps(eventId, ct)), null);
    }
}
