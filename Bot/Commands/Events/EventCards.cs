using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Messaging;
using Bot.Persistence;
using Bot.Telegram.Outbox;
using Bot.Texts;

namespace Bot.Commands.Events;

/// <summary>Posts event cards and keeps every posted copy current. A card is an outbox message tagged with its
/// event, so where each copy went (chat and message id) is read back from the outbox once it is sent; after a
/// change the copy that was pressed is edited at once and every other copy soon after, each private one as its
/// reader sees it.</summary>
public sealed class EventCards(
    OutboxWriter outbox,
    ReaderCultures readers,
    EventCard card,
    EventService events,
    IEventStore eventStore,
    IChapterStore chapterStore,
    ChapterService chapters,
    ICardRefreshes refreshes,
    TimeProvider clock) : IEventCards
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

    /// <summary>After a change: edits at once the copies in <paramref name="urgentChat"/> (where someone just pressed;
    /// <paramref name="pressed"/> is the copy under the button, edited even if its sending is not recorded yet), and
    /// asks for every other copy to be refreshed after the change commits (<see cref="CardRefresher"/>). So a press
    /// costs the same in a chapter of ten or of a thousand, and a flood of presses refreshes the others once.
    /// <paramref name="presser"/> is the event as the person who pressed sees it after their change: the copies in
    /// the pressed chat are drawn from it, without reading every answer of the event again.</summary>
    public async Task Refresh(long eventId, long? urgentChat, CancellationToken ct, (long ChatId, long MessageId)? pressed = null,
        (long UserId, EventView View)? presser = null)
    {
        // Only the copies in the chat at hand: reading all of them, one per member, made a press cost as much as
        // the chapter is large.
        var copies = urgentChat is { } chat ? (await outbox.SentCopies(Tag(eventId), ct, chat)).ToList() : [];
        if (pressed is { } p && !copies.Contains(p))
        {
            copies.Add(p);
        }

        await Edit(eventId, copies, _ => Urgency.Interactive, ct, presser);
        await refreshes.Request(eventId, clock.GetUtcNow().UtcDateTime, ct);
    }

    public Task Stale(long eventId, CancellationToken ct) => refreshes.Request(eventId, clock.GetUtcNow().UtcDateTime, ct);

    /// <summary>Edits every posted copy now: each private one as its reader sees it (bulk), the groups' and those in
    /// <paramref name="urgentChat"/> at once. For an organizer's change of the event, which is rare and which every
    /// reader should see at the same time; presses go through <see cref="Refresh"/>. Returns how many copies it edited.</summary>
    public async Task<int> RefreshEverywhere(long eventId, CancellationToken ct, long? urgentChat = null)
    {
        var copies = await outbox.SentCopies(Tag(eventId), ct);
        await Edit(eventId, copies, chatId => chatId > 0 && chatId != urgentChat ? Urgency.Bulk : Urgency.Interactive, ct);
        return copies.Count;
    }

    private async Task Edit(long eventId, IReadOnlyList<(long ChatId, long MessageId)> copies, Func<long, Urgency> urgency, CancellationToken ct,
        (long UserId, EventView View)? presser = null)
    {
        if (copies.Count == 0)
        {
            return;
        }

        var tree = await chapterStore.Tree(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var cultures = await readers.Of(copies.Select(c => c.ChatId).ToList(), ct);
        var readerPermissions = await chapters.PermissionsOf(copies.Where(c => c.ChatId > 0).Select(c => c.ChatId).ToList(), ct);
        var permissions = copies.Select(c => c.ChatId > 0 ? readerPermissions[c.ChatId] : null).ToList();

        var views = presser is var (userId, after) && copies.All(c => c.ChatId < 0 || c.ChatId == userId)
            ? copies.Select(c => (EventView?)(c.ChatId < 0 ? after with { Mine = null } : after)).ToList()
            : await events.ViewsFor(eventId, permissions, ct);
        for (var i = 0; i < copies.Count; i++)
        {
            if (views[i] is not { } view)
            {
                continue;
            }

            var (chatId, messageId) = copies[i];
            var culture = cultures(chatId);
            var chapter = tree.Find(view.Event.ChapterId)?.Name ?? "";
            var organizer = permissions[i]?.CanOrganize(view.Event.ChapterId) == true;
            outbox.Edit(chatId, messageId, card.Text(view, chapter, culture, now, chatId > 0), card.Keyboard(view, culture, now, organizer), urgency(chatId), Tag(eventId));
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
