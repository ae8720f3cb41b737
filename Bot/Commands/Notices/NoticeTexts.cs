using System.Globalization;
using System.Text;
using Bot.Commands.Callbacks;
using Bot.Domain.Messaging;
using Bot.Domain.Notices;
using Bot.Telegram.Outbox;
using Bot.Telegram.Rendering;
using Bot.Texts;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Notices;

/// <summary>The words of a meeting notice and of its reminder. The notice itself is worded once, in the bot's
/// default language, so every member receives the same text and its SHA-256 proves what all of them were sent;
/// only the button under it speaks each member's language.</summary>
public sealed class NoticeTexts(TextCatalog texts, LocalTime time) : INoticeWriter, INoticeWording
{
    public const string ConfirmRoute = "nrc";

    private CultureInfo Formal => texts.CultureFor(null);

    public string Word(NoticeContent content)
    {
        var culture = Formal;
        var lines = new List<Html>
        {
            content.Amendment is { } amended
                ? texts.Html("Notice.Title.Amended", culture, amended.Number, content.Title)
                : texts.Html("Notice.Title", culture, content.Title),
            texts.Html("Notice.Intro", culture, content.ChapterName),
            Html.Raw(""),
            texts.Html("Notice.When", culture, time.DateAndTime(content.StartsAt, culture)),
            texts.Html("Notice.Place", culture, content.Place),
        };
        if (content.Amendment is { } amendment)
        {
            lines.Add(Html.Raw(""));
            lines.AddRange(Changes(amendment, culture));
        }

        lines.Add(Html.Raw(""));
        lines.Add(texts.Html("Notice.Agenda", culture));
        lines.AddRange(content.Agenda.Select((item, i) => Html.Format($"{i + 1}. {item}")));
        lines.Add(Html.Raw(""));
        lines.Add(content.ShortenedReason is { } reason
            ? texts.Html("Notice.Shortened", culture, reason)
            : texts.Html(TextCatalog.Counted("Notice.Period", content.PeriodDays), culture, content.PeriodDays));
        lines.Add(texts.Html("Notice.Sender", culture, content.SenderName, time.DateAndTime(content.SentAt, culture)));
        lines.Add(Html.Raw(""));
        lines.Add(texts.Html("Notice.Footer", culture));
        return Html.Join("\n", lines).Value;
    }

    public (Html Text, InlineKeyboardMarkup? Keyboard)? Word(Notice notice, CultureInfo culture) =>
        notice switch
        {
            FormalNotice formal => (Html.Raw(formal.Text), ConfirmKeyboard(formal.IssueId, culture)),
            NoticeReminder reminder => (texts.Html("Notice.Reminder", culture, reminder.Notice.Title, time.DateAndTime(reminder.Notice.StartsAt, culture)),
                ConfirmKeyboard(reminder.IssueId, culture)),
            _ => null,
        };

    public InlineKeyboardMarkup ConfirmKeyboard(long issueId, CultureInfo culture) =>
        new([[new InlineKeyboardButton(texts.Plain("Notice.Button.Confirm", culture))
        {
            CallbackData = CallbackCodec.Encode(CallbackData.Of(ConfirmRoute, issueId)),
        }]]);

    public string Reason(NotReached reason, CultureInfo culture) => texts.Plain($"Notice.Reason.{reason}", culture);

    /// <summary>The record of one notice as CSV (RFC 4180): a line per member and issue, times in UTC (ISO 8601).</summary>
    public string Csv(NoticeRecord record, CultureInfo culture)
    {
        var csv = new StringBuilder();
        Row(csv, "notice", "version", "title", "meeting_utc", "sent_at_utc", "sent_by", "sha256", "member_id", "member",
            "handed_to_telegram_utc", "message_id", "receipt_confirmed_utc", "not_reached");
        foreach (var issue in record.Issues)
        {
            foreach (var line in issue.Deliveries)
            {
                Row(csv,
                    Number(record.Notice.Id), Number(issue.Issue.Number), record.Notice.Title, Utc(record.Notice.StartsAt), Utc(issue.Issue.SentAt),
                    issue.Issue.SentBy is { } by ? Number(by) : "", issue.Issue.Sha256,
                    line.Delivery.UserId is { } id ? Number(id) : "", line.Member?.DisplayName ?? texts.Plain("Notice.Status.Erased", culture),
                    Utc(line.Delivery.HandedAt), line.Delivery.MessageId is { } m ? Number(m) : "", Utc(line.Delivery.ConfirmedAt),
                    line.NotReached is { } why && !line.Handed ? Reason(why, culture) : "");
            }
        }

        return csv.ToString();
    }

    private IEnumerable<Html> Changes(NoticeAmendment amendment, CultureInfo culture)
    {
        if (amendment.Changes.HasFlag(NoticeChanges.Time))
        {
            yield return texts.Html("Notice.Changed.Time", culture, time.DateAndTime(amendment.WasStartsAt, culture));
        }

        if (amendment.Changes.HasFlag(NoticeChanges.Place))
        {
            yield return texts.Html("Notice.Changed.Place", culture, amendment.WasPlace);
        }

        if (amendment.Changes.HasFlag(NoticeChanges.Agenda))
        {
            yield return texts.Html("Notice.Changed.Agenda", culture);
        }
    }

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Utc(DateTime? at) => at is { } t ? t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "";

    private static void Row(StringBuilder csv, params string[] cells)
    {
        csv.AppendJoin(',', cells.Select(Quote));
        csv.Append("\r\n");
    }

    /// <summary>Quoted when needed; a leading =, +, - or @ is defused so a spreadsheet does not run a name as a formula.</summary>
    private static string Quote(string cell)
    {
        if (cell.Length > 0 && "=+-@".Contains(cell[0], StringComparison.Ordinal) && !IsNumberOrTime(cell))
        {
            cell = "'" + cell;
        }

        return cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }

    private static bool IsNumberOrTime(string cell) => cell.All(c => char.IsAsciiDigit(c) || c is '-' or ':' or 'T' or 'Z');
}
