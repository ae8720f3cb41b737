using System.Globalization;
using Bot.Domain.Events;
using Bot.Domain.Messaging;
using Bot.Domain.Reminders;
using Bot.Persistence;
using Bot.Telegram.Rendering;
using Bot.Texts;
using Microsoft.EntityFrameworkCore;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Telegram.Outbox;

/// <summary>The domain's <see cref="INotices"/> on the outbox: each notice worded by the feature that knows it, in
/// the reader's language (a group reads the default one), and queued in the caller's unit of work.</summary>
public sealed class OutboxNotices(BotDbContext db, OutboxWriter outbox, ReaderCultures readers, IEnumerable<INoticeWording> wordings) : INotices
{
    /// <summary>The outbox tag of an event's reminders: what a cancellation withdraws while still queued.</summary>
    public static string ReminderTag(long eventId) => $"reminder:{eventId}";

    /// <summary>The outbox tag of what an event's changes tell people.</summary>
    public static string EventTag(long eventId) => $"event-change:{eventId}";

    public async Task Tell(IReadOnlyList<Notice> notices, CancellationToken ct)
    {
        if (notices.Count == 0)
        {
            return;
        }

        var cultures = await readers.Of(notices.Select(n => n.To).OfType<Recipient.Member>().Select(m => m.UserId).ToList(), ct);
        foreach (var notice in notices)
        {
            var chatId = notice.To switch
            {
                Recipient.Member member => member.UserId,
                Recipient.Group group => group.ChatId,
                _ => throw new ArgumentOutOfRangeException(nameof(notices), notice.To, "Unknown recipient."),
            };
            var (text, keyboard) = Word(notice, cultures(chatId));
            outbox.Send(chatId, text, keyboard, notice.Urgency, Tag(notice));
        }
    }

    public Task WithdrawReminders(long eventId, CancellationToken ct)
    {
        var tag = ReminderTag(eventId);
        return db.Outbox.Where(o => o.Tag == tag && o.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Superseded), ct);
    }

    private (Html Text, InlineKeyboardMarkup? Keyboard) Word(Notice notice, CultureInfo culture)
    {
        foreach (var wording in wordings)
        {
            if (wording.Word(notice, culture) is { } worded)
            {
                return worded;
            }
        }

        throw new InvalidOperationException($"No wording for {notice.GetType().Name}.");
    }

    private static string? Tag(Notice notice) =>
        notice switch
        {
            ReminderDue reminder => ReminderTag(reminder.Event.Id),
            EventNotice about => EventTag(about.Event.Id),
            Domain.Notices.FormalNotice formal => Persistence.NoticeOutcomes.Tag(formal.IssueId),
            _ => null,
        };
}

/// <summary>Words the notices of one feature; null for a notice that is not its own.</summary>
public interface INoticeWording
{
    (Html Text, InlineKeyboardMarkup? Keyboard)? Word(Notice notice, CultureInfo culture);
}
