using System.Globalization;
using Bot.Domain.Canvassing;
using Bot.Domain.Chapters;
using Bot.Domain.Messaging;
using Bot.Telegram.Outbox;
using Bot.Texts;

namespace Bot.Commands.Shifts;

/// <summary>Posts shift cards and keeps every posted copy current. A card is an outbox message tagged with its shift,
/// so where each copy went is read back from the outbox once it is sent. A shift has few copies (its slots are a
/// handful of people), so after a change every copy is edited in the same unit of work: the pressed one at once,
/// the others in bulk, each private one as its reader sees it.</summary>
public sealed class ShiftCards(OutboxWriter outbox, ReaderCultures readers, ShiftCard card, ShiftService shifts, IChapterStore chapterStore, ChapterService chapters, TimeProvider clock)
{
    public static string Tag(long shiftId) => $"shift-card:{shiftId}";

    /// <summary>Posts the card into a chat as <paramref name="reader"/> sees it (null in a group), after the map pin
    /// of its meeting point when it has one.</summary>
    public async Task Post(long chatId, long shiftId, Permissions? reader, CultureInfo culture, Urgency urgency, CancellationToken ct)
    {
        var view = (await shifts.ViewsFor(shiftId, [reader], ct))[0];
        if (view is null)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var chapter = (await chapterStore.Tree(ct)).Find(view.Shift.ChapterId)?.Name ?? "";
        var organizer = reader?.CanOrganize(view.Shift.ChapterId) == true;
        if (view.Shift is { Latitude: { } latitude, Longitude: { } longitude })
        {
            outbox.SendVenue(chatId, latitude, longitude, view.Shift.Area, view.Shift.MeetingPoint, urgency);
        }

        outbox.Send(chatId, card.Text(view, chapter, culture, now), card.Keyboard(view, culture, now, organizer), urgency, Tag(shiftId));
    }

    /// <summary>Edits every posted copy: those in <paramref name="urgentChat"/> (and <paramref name="pressed"/>, the
    /// copy under the button, even before its sending is recorded) at once, the others in bulk.</summary>
    public async Task Refresh(long shiftId, long? urgentChat, CancellationToken ct, (long ChatId, long MessageId)? pressed = null)
    {
        var copies = (await outbox.SentCopies(Tag(shiftId), ct)).ToList();
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
        var readerPermissions = await chapters.PermissionsOf(copies.Where(c => c.ChatId > 0).Select(c => c.ChatId).ToList(), ct);
        var permissions = copies.Select(c => c.ChatId > 0 ? readerPermissions[c.ChatId] : null).ToList();

        var views = await shifts.ViewsFor(shiftId, permissions, ct);
        for (var i = 0; i < copies.Count; i++)
        {
            if (views[i] is not { } view)
            {
                continue;
            }

            var (chatId, messageId) = copies[i];
            var culture = cultures(chatId);
            var chapter = tree.Find(view.Shift.ChapterId)?.Name ?? "";
            var organizer = permissions[i]?.CanOrganize(view.Shift.ChapterId) == true;
            var urgency = chatId == urgentChat || chatId < 0 ? Urgency.Interactive : Urgency.Bulk;
            outbox.Edit(chatId, messageId, card.Text(view, chapter, culture, now), card.Keyboard(view, culture, now, organizer), urgency, Tag(shiftId));
        }
    }
}
