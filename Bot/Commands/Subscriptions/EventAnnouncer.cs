using Bot.Commands.Events;
using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Messaging;
using Bot.Domain.Subscriptions;
using Bot.Telegram.Outbox;
using Bot.Texts;

namespace Bot.Commands.Subscriptions;

/// <summary>Tells the chapter's members who subscribed to <c>events</c> about a new event, privately, with its card
/// and answer buttons. Nobody has answered a new event yet, so every member's card is the same and is worded once
/// per language; each copy is tagged as the event's card, so later changes refresh it like any other.</summary>
public sealed class EventAnnouncer(SubscriptionService subscriptions, EventCard card, OutboxWriter outbox, ReaderCultures readers, IChapterStore chapters, TimeProvider clock) : IAnnouncements
{
    /// <summary>Queues the announcement in the caller's unit of work; returns how many it goes to.</summary>
    public async Task<int> Announce(Event @event, long? organizerId, CancellationToken ct)
    {
        var to = (await subscriptions.SubscribersOf(@event.ChapterId, Topic.Events, ct)).Where(id => id != organizerId).ToList();
        if (to.Count == 0)
        {
            return 0;
        }

        var chapter = (await chapters.Tree(ct)).Find(@event.ChapterId)?.Name ?? "";
        var cultures = await readers.Of(to, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var view = new EventView(@event, Waitlist.Of(@event, []), null);
        var worded = new Dictionary<System.Globalization.CultureInfo, (Telegram.Rendering.Html Text, global::Telegram.Bot.Types.ReplyMarkups.InlineKeyboardMarkup? Keyboard)>();
        foreach (var userId in to)
        {
            var culture = cultures(userId);
            if (!worded.TryGetValue(culture, out var message))
            {
                message = (card.Text(view, chapter, culture, now, forReader: true), card.Keyboard(view, culture, now, organizer: false));
                worded[culture] = message;
            }

            outbox.Send(userId, message.Text, message.Keyboard, Urgency.Bulk, EventCards.Tag(@event.Id));
        }

        return to.Count;
    }
}
