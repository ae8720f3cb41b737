using System.Security.Cryptography;
using System.Text;
using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Messaging;
using Bot.Domain.Time;

namespace Bot.Domain.Notices;

/// <summary>Formal meeting notices: convened by organizers of a chapter, checked against the notice period,
/// delivered to every member of the chapter and its sub-chapters whatever they subscribed to, recorded member by
/// member as proof, amended with what changed, and confirmed by members with one press.</summary>
public sealed class NoticeService(
    INoticeStore store,
    IChapterStore chapters,
    EventService events,
    INotices notices,
    INoticeWriter writer,
    ChapterClock clock,
    NoticeDefaults defaults)
{
    private DateTime Now => clock.UtcNow.UtcDateTime;

    /// <summary>The notice period that applies to a chapter.</summary>
    public int PeriodOf(Chapter chapter) => chapter.NoticePeriodDays ?? defaults.PeriodDays;

    /// <summary>Everything <see cref="Convene"/> checks, without sending: what the dialog shows before the
    /// organizer confirms.</summary>
    public async Task<ConveneOutcome> Check(Permissions actor, NoticeDraft draft, CancellationToken ct) =>
        await Refusal(actor, draft, ct) ?? new ConveneOutcome.Ready(await Content(actor, draft, ct));

    /// <summary>Creates the meeting as an event and sends its notice to every member of the chapter and its
    /// sub-chapters; a notice too late for the period is refused unless it is marked as shortened.</summary>
    public async Task<ConveneOutcome> Convene(Permissions actor, NoticeDraft draft, CancellationToken ct)
    {
        if (await Refusal(actor, draft, ct) is { } refused)
        {
            return refused;
        }

        var created = await events.Create(actor, new EventDraft(draft.ChapterId, draft.Title, draft.StartsAt, draft.Place), ct);
        if (created is not CreateEventOutcome.Created { Event: var meeting })
        {
            return created is CreateEventOutcome.Invalid(var problem) ? new ConveneOutcome.Invalid(problem) : new ConveneOutcome.NotOrganizer();
        }

        var content = await Content(actor, draft, ct);
        var notice = new MeetingNotice
        {
            ChapterId = draft.ChapterId,
            EventId = meeting.Id,
            Title = meeting.Title,
            Place = meeting.Place,
            StartsAt = meeting.StartsAt,
            Agenda = string.Join('\n', draft.Agenda),
            ShortenedReason = draft.ShortenedReason,
            PeriodDays = content.PeriodDays,
            CreatedBy = actor.UserId,
            CreatedAt = Now,
        };
        await store.AddWithId(notice, ct);
        var (issue, record) = await Send(notice, content, actor.UserId, 1, ct);
        return new ConveneOutcome.Sent(notice, issue, record);
    }

    /// <summary>Sends an amended notice after a change of date, time, place or agenda, saying what changed; it is a
    /// new notice, so the period is checked again from today.</summary>
    public async Task<AmendOutcome> Amend(Permissions actor, long noticeId, NoticeEdit edit, CancellationToken ct)
    {
        if (await store.Notice(noticeId, ct) is not { } notice || !actor.CanSee(notice.ChapterId))
        {
            return new AmendOutcome.NotFound();
        }

        if (!actor.CanOrganize(notice.ChapterId))
        {
            return new AmendOutcome.NotOrganizer();
        }

        if (notice.StartsAt <= Now)
        {
            return new AmendOutcome.Started(notice);
        }

        var agenda = edit.Agenda ?? notice.AgendaItems;
        var draft = new NoticeDraft(notice.ChapterId, notice.Title, edit.StartsAt ?? notice.StartsAt, edit.Place?.Trim() ?? notice.Place, agenda,
            edit.ShortenedReason ?? notice.ShortenedReason);
        var changes = NoticeChanges.None;
        changes |= draft.StartsAt != notice.StartsAt ? NoticeChanges.Time : 0;
        changes |= draft.Place != notice.Place ? NoticeChanges.Place : 0;
        changes |= !agenda.SequenceEqual(notice.AgendaItems) ? NoticeChanges.Agenda : 0;
        if (changes == NoticeChanges.None)
        {
            return new AmendOutcome.Unchanged(notice);
        }

        if (await Refusal(actor, draft, ct) is { } refused)
        {
            return new AmendOutcome.Refused(refused);
        }

        var edited = await events.Edit(actor, notice.EventId, new EventChange(StartsAt: draft.StartsAt, Place: draft.Place), ct);
        if (edited is EditEventOutcome.Invalid(var problem))
        {
            return new AmendOutcome.Refused(new ConveneOutcome.Invalid(problem));
        }

        var issues = await store.Issues(notice.Id, ct);
        foreach (var older in issues)
        {
            // Members are reminded of the notice that stands, not of the one it replaced.
            older.RemindedAt ??= Now;
        }

        var number = issues.Count == 0 ? 2 : issues.Max(i => i.Number) + 1;
        var content = await Content(actor, draft, ct) with
        {
            Amendment = new NoticeAmendment(number, changes, notice.StartsAt, notice.Place, notice.AgendaItems),
        };
        (notice.StartsAt, notice.Place, notice.Agenda, notice.ShortenedReason, notice.PeriodDays) =
            (draft.StartsAt, draft.Place, string.Join('\n', agenda), draft.ShortenedReason, content.PeriodDays);
        var (issue, record) = await Send(notice, content, actor.UserId, number, ct);
        return new AmendOutcome.Sent(notice, issue, changes, record);
    }

    /// <summary>The member confirms receipt of the notice they were sent; a press on a notice that did not go to
    /// them (a forged or foreign button) changes nothing.</summary>
    public async Task<ConfirmOutcome> Confirm(long userId, long issueId, CancellationToken ct)
    {
        if (await store.Delivery(issueId, userId, ct) is not { } delivery || await store.Issue(issueId, ct) is not { } issue)
        {
            return new ConfirmOutcome.NotFound();
        }

        if (delivery.ConfirmedAt is { } at)
        {
            return new ConfirmOutcome.AlreadyConfirmed(at);
        }

        delivery.ConfirmedAt = Now;
        // A confirmation is proof the message arrived, even if its "sent" was never recorded (a crash in between).
        delivery.NotReached = null;
        return new ConfirmOutcome.Confirmed(issue, delivery.ConfirmedAt.Value);
    }

    /// <summary>The delivery records of the notices of the chapters this organizer convenes for, newest first.</summary>
    public async Task<StatusOutcome> Status(Permissions actor, int take, CancellationToken ct)
    {
        var organized = actor.Organized().Select(c => c.Id).ToList();
        if (organized.Count == 0)
        {
            return new StatusOutcome.NotOrganizer();
        }

        var records = new List<NoticeRecord>();
        foreach (var notice in await store.NoticesOf(organized, take, ct))
        {
            var issues = new List<IssueRecord>();
            foreach (var issue in (await store.Issues(notice.Id, ct)).OrderBy(i => i.Number))
            {
                issues.Add(await Record(issue, ct));
            }

            records.Add(new NoticeRecord(notice, issues));
        }

        return new StatusOutcome.Listed(records);
    }

    /// <summary>Sets a chapter's notice period; for its admins.</summary>
    public async Task<PeriodOutcome> SetPeriod(Permissions actor, long chapterId, int days, CancellationToken ct)
    {
        if ((await chapters.Tree(ct)).Find(chapterId) is not { } chapter || !actor.IsAdminOf(chapterId))
        {
            return new PeriodOutcome.NotAdmin();
        }

        if (days is < 0 or > NoticePeriod.MaxDays)
        {
            return new PeriodOutcome.OutOfRange(NoticePeriod.MaxDays);
        }

        chapter.NoticePeriodDays = days;
        return new PeriodOutcome.Set(chapter, days);
    }

    /// <summary>Reminds, once, the members who have not confirmed a notice halfway through its period. The reminder
    /// is marked sent in the same commit as the messages, so a restart neither repeats nor loses it.</summary>
    public async Task<int> RemindUnconfirmed(DateTimeOffset at, CancellationToken ct)
    {
        var reminded = 0;
        foreach (var issue in await store.RemindersDue(at.UtcDateTime, ct))
        {
            if (await store.Notice(issue.NoticeId, ct) is not { } notice)
            {
                continue;
            }

            var unconfirmed = (await store.Deliveries(issue.Id, ct))
                .Where(d => d.Delivery.ConfirmedAt is null && d.Delivery.NotReached is null && d.Delivery.UserId is not null)
                .Select(d => new NoticeReminder(new Recipient.Member(d.Delivery.UserId!.Value), issue.Id, notice))
                .ToList();
            await notices.Tell(unconfirmed, ct);
            issue.RemindedAt = Now;
            await store.Save(ct);
            reminded += unconfirmed.Count;
        }

        return reminded;
    }

    private async Task<IssueRecord> Record(NoticeIssue issue, CancellationToken ct)
    {
        var deliveries = await store.Deliveries(issue.Id, ct);
        // A chat found unreachable while the notice waited in the outbox was settled without an answer to record.
        var pending = deliveries.Where(d => d.Delivery.IsPending && d.Delivery.UserId is not null).Select(d => d.Delivery.UserId!.Value).ToList();
        var unreachable = pending.Count == 0 ? new Dictionary<long, NotReached>() : await store.Unreachable(pending, ct);
        var rows = deliveries.Select(d => new DeliveryRecord(d.Delivery, d.Member,
            d.Delivery.NotReached ?? (d.Delivery.IsPending && d.Delivery.UserId is { } u && unreachable.TryGetValue(u, out var why) ? why : null))).ToList();
        return new IssueRecord(issue, rows);
    }

    private async Task<(NoticeIssue Issue, IssueRecord Record)> Send(MeetingNotice notice, NoticeContent content, long senderId, int number, CancellationToken ct)
    {
        var text = writer.Word(content);
        var issue = new NoticeIssue
        {
            NoticeId = notice.Id,
            Number = number,
            Text = text,
            Sha256 = Sha256Of(text),
            SentBy = senderId,
            SentAt = Now,
            ShortenedReason = notice.ShortenedReason,
            RemindAt = Now + ((notice.StartsAt - Now) / 2),
        };
        await store.AddWithId(issue, ct);

        var tree = await chapters.Tree(ct);
        var chapterIds = tree.DescendantsAndSelf(notice.ChapterId).Select(c => c.Id).ToList();
        var members = await store.Recipients(chapterIds, ct);
        var unreachable = await store.Unreachable(members.Where(m => !m.Reachable).Select(m => m.UserId).ToList(), ct);
        var deliveries = members.Select(m => new NoticeDelivery
        {
            IssueId = issue.Id,
            UserId = m.UserId,
            NotReached = unreachable.TryGetValue(m.UserId, out var why) ? why : null,
            NotReachedAt = unreachable.ContainsKey(m.UserId) ? Now : null,
        }).ToList();
        store.Add(deliveries);
        // Members known to refuse messages are not written to: the dispatcher would only drop the message, and the
        // record already says why they were not reached.
        await notices.Tell(deliveries.Where(d => d.NotReached is null).Select(d => new FormalNotice(new Recipient.Member(d.UserId!.Value), issue.Id, text)).ToList(), ct);
        return (issue, new IssueRecord(issue, deliveries.Select(d => new DeliveryRecord(d, null, d.NotReached)).ToList()));
    }

    private async Task<ConveneOutcome?> Refusal(Permissions actor, NoticeDraft draft, CancellationToken ct)
    {
        if ((await chapters.Tree(ct)).Find(draft.ChapterId) is not { } chapter || !actor.CanOrganize(chapter.Id))
        {
            return new ConveneOutcome.NotOrganizer();
        }

        if (Problem(draft) is { } problem)
        {
            return new ConveneOutcome.Invalid(problem);
        }

        if (draft.Agenda.Count == 0)
        {
            return new ConveneOutcome.AgendaMissing();
        }

        if (draft.Agenda.Count > MeetingNotice.MaxAgendaItems || draft.Agenda.Any(i => i.Length > MeetingNotice.MaxAgendaItemLength || i.Any(char.IsControl)))
        {
            return new ConveneOutcome.AgendaTooLong(MeetingNotice.MaxAgendaItems, MeetingNotice.MaxAgendaItemLength);
        }

        if (draft.ShortenedReason is { } reason && (reason.Trim().Length == 0 || reason.Length > MeetingNotice.MaxReasonLength || reason.Any(char.IsControl)))
        {
            return new ConveneOutcome.ReasonInvalid(MeetingNotice.MaxReasonLength);
        }

        var period = NoticePeriod.Check(clock.UtcNow, new DateTimeOffset(draft.StartsAt, TimeSpan.Zero), clock.Zone, PeriodOf(chapter));
        return period.InTime || draft.ShortenedReason is not null ? null : new ConveneOutcome.TooLate(period);
    }

    private EventProblem? Problem(NoticeDraft draft) =>
        draft.Title.Trim().Length == 0 ? EventProblem.TitleMissing
        : draft.Title.Trim().Length > Event.MaxTitleLength || draft.Title.Any(char.IsControl) ? EventProblem.TitleTooLong
        : draft.Place.Trim().Length == 0 ? EventProblem.PlaceMissing
        : draft.Place.Trim().Length > Event.MaxPlaceLength || draft.Place.Any(char.IsControl) ? EventProblem.PlaceTooLong
        : draft.StartsAt <= Now ? EventProblem.InThePast
        : null;

    private async Task<NoticeContent> Content(Permissions actor, NoticeDraft draft, CancellationToken ct)
    {
        var chapter = (await chapters.Tree(ct)).Find(draft.ChapterId)!;
        var sender = await chapters.Member(actor.UserId, ct);
        return new NoticeContent(chapter.Name, draft.Title.Trim(), draft.StartsAt, draft.Place.Trim(), draft.Agenda, draft.ShortenedReason?.Trim(),
            PeriodOf(chapter), sender?.DisplayName ?? "", Now, null);
    }

    /// <summary>The SHA-256 of the text as sent (UTF-8), in lower-case hex.</summary>
    public static string Sha256Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>The configured default: <c>Bot:NoticePeriodDays</c>.</summary>
public sealed record NoticeDefaults(int PeriodDays);

/// <summary>A meeting as the organizer describes it (the start already in UTC).</summary>
public sealed record NoticeDraft(long ChapterId, string Title, DateTime StartsAt, string Place, IReadOnlyList<string> Agenda, string? ShortenedReason = null);

/// <summary>What an amended notice changes; null leaves a field as it is.</summary>
public sealed record NoticeEdit(DateTime? StartsAt = null, string? Place = null, IReadOnlyList<string>? Agenda = null, string? ShortenedReason = null);

/// <summary>The formal notice itself, to one member: the same words for everyone, sent ahead of bulk messages.</summary>
public sealed record FormalNotice(Recipient To, long IssueId, string Text) : Notice(To, Urgency.Formal);

/// <summary>Halfway through the period: "please confirm you received the notice".</summary>
public sealed record NoticeReminder(Recipient To, long IssueId, MeetingNotice Notice) : Notice(To, Urgency.Formal);

/// <summary>One member's line of the record; <paramref name="NotReached"/> also covers a chat found unreachable
/// while the notice waited to go out.</summary>
public sealed record DeliveryRecord(NoticeDelivery Delivery, Member? Member, NotReached? NotReached)
{
    public bool Handed => Delivery.HandedAt is not null;
}

public sealed record IssueRecord(NoticeIssue Issue, IReadOnlyList<DeliveryRecord> Deliveries)
{
    public int Members => Deliveries.Count;
    public int Handed => Deliveries.Count(d => d.Handed);
    public int Confirmed => Deliveries.Count(d => d.Delivery.ConfirmedAt is not null);
    public int NotReached => Deliveries.Count(d => d.NotReached is not null && !d.Handed);
    public int Pending => Deliveries.Count(d => !d.Handed && d.NotReached is null && d.Delivery.ConfirmedAt is null);
}

public sealed record NoticeRecord(MeetingNotice Notice, IReadOnlyList<IssueRecord> Issues);

public abstract record ConveneOutcome
{
    public sealed record Ready(NoticeContent Content) : ConveneOutcome;
    public sealed record Sent(MeetingNotice Notice, NoticeIssue Issue, IssueRecord Record) : ConveneOutcome;
    public sealed record NotOrganizer : ConveneOutcome;
    public sealed record Invalid(EventProblem Problem) : ConveneOutcome;
    public sealed record AgendaMissing : ConveneOutcome;
    public sealed record AgendaTooLong(int MaxItems, int MaxLength) : ConveneOutcome;
    public sealed record ReasonInvalid(int MaxLength) : ConveneOutcome;
    /// <summary>Too late for the period and not marked as shortened.</summary>
    public sealed record TooLate(PeriodCheck Period) : ConveneOutcome;
}

public abstract record AmendOutcome
{
    public sealed record Sent(MeetingNotice Notice, NoticeIssue Issue, NoticeChanges Changes, IssueRecord Record) : AmendOutcome;
    public sealed record NotFound : AmendOutcome;
    public sealed record NotOrganizer : AmendOutcome;
    public sealed record Started(MeetingNotice Notice) : AmendOutcome;
    public sealed record Unchanged(MeetingNotice Notice) : AmendOutcome;
    public sealed record Refused(ConveneOutcome Why) : AmendOutcome;
}

public abstract record ConfirmOutcome
{
    public sealed record Confirmed(NoticeIssue Issue, DateTime At) : ConfirmOutcome;
    public sealed record AlreadyConfirmed(DateTime At) : ConfirmOutcome;
    public sealed record NotFound : ConfirmOutcome;
}

public abstract record StatusOutcome
{
    public sealed record Listed(IReadOnlyList<NoticeRecord> Notices) : StatusOutcome;
    public sealed record NotOrganizer : StatusOutcome;
}

public abstract record PeriodOutcome
{
    public sealed record Set(Chapter Chapter, int Days) : PeriodOutcome;
    public sealed record NotAdmin : PeriodOutcome;
    public sealed record OutOfRange(int Max) : PeriodOutcome;
}
