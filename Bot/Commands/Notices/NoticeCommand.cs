using System.Globalization;
using Bot.Commands.Dialogs;
using Bot.Commands.Events;
using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Notices;
using Bot.Domain.Time;
using Bot.Telegram.Rendering;
using Bot.Texts;
using Telegram.Bot.Types.ReplyMarkups;
using static Bot.Commands.Chapters.ChapterAnswers;

namespace Bot.Commands.Notices;

/// <summary>/notice: an organizer convenes a meeting with a formal notice, in one line or, without arguments, step
/// by step with the notice shown before it goes out; <c>/notice status</c> shows the delivery record and sends it
/// as CSV; <c>/notice change &lt;id&gt; | date time | place | agenda</c> sends an amended notice (<c>-</c> keeps a field).
/// <code>
/// [chapter] → title → when → place → agenda → [reason, if too late] → confirm: send → done · cancel → done
/// </code></summary>
public sealed class NoticeCommand(NoticeService notices, NoticeTexts words, LocalTime time, ChapterClock clock) : IBotCommand, IDialog
{
    private const string ChapterStep = "chapter";
    private const string TitleStep = "title";
    private const string WhenStep = "when";
    private const string PlaceStep = "place";
    private const string AgendaStep = "agenda";
    private const string ReasonStep = "reason";
    private const string ConfirmStep = "confirm";
    private const string DateKey = "date";
    private const string TimeKey = "time";
    private const string Send = "send";
    private const string Stop = "cancel";
    private const int StatusNotices = 5;
    private const int NamesShown = 50;

    private static readonly string[] StatusWords = ["status", "record", "nachweis"];
    private static readonly string[] ChangeWords = ["change", "amend", "ändern", "aendern"];

    public string Name => "notice";

    public Access Access => Access.Organizer;

    public ChatKinds Chats => ChatKinds.Private;

    public async Task Run(ChatContext ctx, CancellationToken ct)
    {
        var (first, rest) = SplitFirst(ctx.Args);
        if (ctx.Args.Length == 0)
        {
            await ctx.StartDialog<NoticeCommand>(ct);
        }
        else if (StatusWords.Contains(first, StringComparer.OrdinalIgnoreCase))
        {
            await Status(ctx, ct);
        }
        else if (ChangeWords.Contains(first, StringComparer.OrdinalIgnoreCase))
        {
            await Change(ctx, rest, ct);
        }
        else
        {
            await OneLine(ctx, ct);
        }
    }

    public Task<DialogStep> Begin(ChatContext ctx, DialogData data, CancellationToken ct)
    {
        data.Clear();
        if (ctx.Permissions.DefaultToOrganize() is { } chapter)
        {
            data[ChapterStep] = chapter.Id.ToString(CultureInfo.InvariantCulture);
            ctx.Say("Notice.Ask.Title");
            return Task.FromResult(DialogStep.Ask(TitleStep));
        }

        ctx.Reply(ctx.T("Notice.Chapter.Which"), ChapterButtons(ctx.Permissions.Organized().Take(MaxChoices), ChapterStep));
        return Task.FromResult(DialogStep.Ask(ChapterStep));
    }

    public async Task<DialogStep> Answer(ChatContext ctx, string step, DialogData data, string answer, CancellationToken ct)
    {
        switch (step)
        {
            case ChapterStep:
                if (FindChapter(ctx.Permissions, answer) is { } chapter && ctx.Permissions.CanOrganize(chapter.Id))
                {
                    data[ChapterStep] = chapter.Id.ToString(CultureInfo.InvariantCulture);
                    ctx.Say("Notice.Ask.Title");
                    return DialogStep.Ask(TitleStep);
                }

                ctx.Reply(ctx.T("Notice.Chapter.Unknown", Echo(answer)), ChapterButtons(ctx.Permissions.Organized().Take(MaxChoices), ChapterStep));
                return DialogStep.Ask(ChapterStep);
            case TitleStep:
                return Take(ctx, NewEventForm.ReadTitle(answer), TitleStep, title => data[TitleStep] = title, () => AskWhen(ctx));
            case WhenStep:
                return Take(ctx, NewEventForm.ReadStart(answer, clock), WhenStep, start =>
                {
                    data[DateKey] = start.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    data[TimeKey] = start.Time.ToString("HH:mm", CultureInfo.InvariantCulture);
                }, () => Ask(ctx, "Notice.Ask.Place", PlaceStep));
            case PlaceStep:
                return Take(ctx, NewEventForm.ReadPlace(answer), PlaceStep, place => data[PlaceStep] = place, () => Ask(ctx, "Notice.Ask.Agenda", AgendaStep));
            case AgendaStep:
                data[AgendaStep] = string.Join('\n', NoticeLine.ReadAgenda(answer));
                return await Preview(ctx, data, ct);
            case ReasonStep:
                data[ReasonStep] = answer.Trim();
                return await Preview(ctx, data, ct);
            case ConfirmStep when answer == Send:
                if (Draft(data) is not { } draft)
                {
                    ctx.Say("Notice.Lost");
                    return DialogStep.Done;
                }

                Render(ctx, await notices.Convene(ctx.Permissions, draft, ct));
                return DialogStep.Done;
            case ConfirmStep when answer == Stop:
                ctx.Say("Notice.Cancelled");
                return DialogStep.Done;
            case ConfirmStep:
                ctx.Reply(ctx.T("Notice.PressButton"), ConfirmButtons(ctx));
                return DialogStep.Ask(ConfirmStep);
            default:
                return DialogStep.Done;
        }
    }

    private async Task<DialogStep> Preview(ChatContext ctx, DialogData data, CancellationToken ct)
    {
        if (Draft(data) is not { } draft)
        {
            ctx.Say("Notice.Lost");
            return DialogStep.Done;
        }

        switch (await notices.Check(ctx.Permissions, draft, ct))
        {
            case ConveneOutcome.Ready(var content):
                ctx.Reply(Html.Join("\n\n", [ctx.T("Notice.Preview"), Html.Raw(words.Word(content))]), ConfirmButtons(ctx));
                return DialogStep.Ask(ConfirmStep);
            case ConveneOutcome.TooLate(var period):
                ctx.Reply(Html.Join("\n\n", [TooLate(ctx, period), ctx.T("Notice.Ask.Reason")]));
                return DialogStep.Ask(ReasonStep);
            case ConveneOutcome.AgendaMissing or ConveneOutcome.AgendaTooLong:
                ctx.Reply(Html.Join("\n\n", [Refusal(ctx, await notices.Check(ctx.Permissions, draft, ct)), ctx.T("Notice.Ask.Agenda")]));
                return DialogStep.Ask(AgendaStep);
            case ConveneOutcome.ReasonInvalid(var max):
                ctx.Say("Notice.ReasonInvalid", max);
                return DialogStep.Ask(ReasonStep);
            case var other:
                ctx.Reply(Refusal(ctx, other));
                return DialogStep.Done;
        }
    }

    private NoticeDraft? Draft(DialogData data)
    {
        if (!data.TryGetValue(ChapterStep, out var chapter) || !long.TryParse(chapter, NumberStyles.None, CultureInfo.InvariantCulture, out var chapterId)
            || !data.TryGetValue(TitleStep, out var title) || !data.TryGetValue(PlaceStep, out var place) || !data.TryGetValue(AgendaStep, out var agenda)
            || !data.TryGetValue(DateKey, out var date) || !data.TryGetValue(TimeKey, out var at)
            || !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || !TimeOnly.TryParseExact(at, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
        {
            return null;
        }

        return new NoticeDraft(chapterId, title, clock.Resolve(day, wall).UtcDateTime, place, agenda.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            data.GetValueOrDefault(ReasonStep));
    }

    private async Task OneLine(ChatContext ctx, CancellationToken ct)
    {
        switch (NoticeLine.Parse(ctx.Args, clock))
        {
            case FormResult<NoticeLine>.Failed(var error):
                ctx.Reply(Html.Join("\n\n", [LineProblem(ctx, error), Usage(ctx)]));
                return;
            case FormResult<NoticeLine>.Parsed(var line):
                var chapter = line.ChapterName is { } name ? ctx.Permissions.Tree.Find(name) : ctx.Permissions.DefaultToOrganize();
                if (chapter is null)
                {
                    var list = string.Join(", ", ctx.Permissions.Organized().Take(MaxChoices).Select(c => c.Name));
                    ctx.Reply(Html.Join("\n", [line.ChapterName is { } unknown ? ctx.T("Notice.Chapter.Unknown", Echo(unknown)) : ctx.T("Notice.Chapter.Which"),
                        ctx.T("Notice.Chapter.List", list)]));
                    return;
                }

                Render(ctx, await notices.Convene(ctx.Permissions, line.Draft(chapter.Id), ct));
                return;
        }
    }

    private async Task Change(ChatContext ctx, string rest, CancellationToken ct)
    {
        var fields = rest.Split('|').Select(f => f.Trim()).ToList();
        var (idText, _) = SplitFirst(fields[0]);
        if (!long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var noticeId) || fields.Count < 2)
        {
            ctx.Say("Notice.Change.Usage");
            return;
        }

        DateTime? startsAt = null;
        if (fields.Count > 1 && !Keep(fields[1]))
        {
            switch (NewEventForm.ReadStart(fields[1], clock))
            {
                case FormResult<ZonedTime>.Failed(var error):
                    ctx.Reply(Html.Join("\n\n", [LineProblem(ctx, error), ctx.T("Notice.Change.Usage")]));
                    return;
                case FormResult<ZonedTime>.Parsed(var start):
                    startsAt = start.UtcDateTime;
                    break;
            }
        }

        var place = fields.Count > 2 && !Keep(fields[2]) ? fields[2] : null;
        var agenda = fields.Count > 3 && !Keep(fields[3]) ? NoticeLine.ReadAgenda(fields[3]) : null;
        var reason = fields.Skip(4).Select(f => f.Split('=', 2)).Where(kv => kv.Length == 2 && kv[0].Trim().Equals("shortened", StringComparison.OrdinalIgnoreCase))
            .Select(kv => kv[1].Trim()).FirstOrDefault();
        switch (await notices.Amend(ctx.Permissions, noticeId, new NoticeEdit(startsAt, place, agenda, reason), ct))
        {
            case AmendOutcome.Sent sent:
                Sent(ctx, "Notice.Amended", sent.Notice.Title, sent.Record);
                break;
            case AmendOutcome.Started:
                ctx.Say("Notice.Change.Started");
                break;
            case AmendOutcome.Unchanged:
                ctx.Say("Notice.Change.Unchanged");
                break;
            case AmendOutcome.Refused(var why):
                ctx.Reply(Refusal(ctx, why));
                break;
            default:
                ctx.Say("Notice.Change.NotFound", noticeId);
                break;
        }
    }

    private static bool Keep(string field) => field is "" or "-";

    private async Task Status(ChatContext ctx, CancellationToken ct)
    {
        if (await notices.Status(ctx.Permissions, StatusNotices, ct) is not StatusOutcome.Listed { Notices: var records } || records.Count == 0)
        {
            ctx.Say("Notice.Status.None");
            return;
        }

        foreach (var record in records)
        {
            var lines = new List<Html> { ctx.T("Notice.Status.Header", record.Notice.Title, time.DateAndTime(record.Notice.StartsAt, ctx.Culture), record.Notice.Id) };
            foreach (var issue in record.Issues)
            {
                lines.Add(ctx.T("Notice.Status.Issue", issue.Issue.Number, time.DateAndTime(issue.Issue.SentAt, ctx.Culture), issue.Members, issue.Handed,
                    issue.Confirmed, issue.NotReached, issue.Pending));
            }

            var latest = record.Issues[^1];
            var missing = latest.Deliveries.Where(d => d.NotReached is not null && !d.Handed).ToList();
            if (missing.Count > 0)
            {
                lines.Add(Html.Raw(""));
                lines.Add(ctx.T("Notice.Status.NotReached"));
                lines.AddRange(missing.Take(NamesShown).Select(d =>
                    ctx.T("Notice.Status.Line", d.Member?.DisplayName ?? ctx.Plain("Notice.Status.Erased"), words.Reason(d.NotReached!.Value, ctx.Culture))));
                if (missing.Count > NamesShown)
                {
                    lines.Add(ctx.T("Notice.Status.More", missing.Count - NamesShown));
                }
            }

            lines.Add(ctx.T("Notice.Status.Change", record.Notice.Id));
            ctx.Reply(Html.Join("\n", lines));
            ctx.Outbox.SendDocument(ctx.ReplyChatId, $"notice-{record.Notice.Id}.csv", words.Csv(record, ctx.Culture),
                ctx.T("Notice.Status.Csv", record.Notice.Title));
        }
    }

    private void Render(ChatContext ctx, ConveneOutcome outcome)
    {
        if (outcome is ConveneOutcome.Sent sent)
        {
            Sent(ctx, "Notice.Sent", sent.Notice.Title, sent.Record);
            return;
        }

        ctx.Reply(outcome is ConveneOutcome.TooLate ? Html.Join("\n\n", [Refusal(ctx, outcome), ctx.T("Notice.TooLate.Line")]) : Refusal(ctx, outcome));
    }

    private static void Sent(ChatContext ctx, string key, string title, IssueRecord record)
    {
        var parts = new List<Html> { ctx.T(TextCatalog.Counted(key, record.Members), title, record.Members) };
        if (record.NotReached > 0)
        {
            parts.Add(ctx.T(TextCatalog.Counted("Notice.Sent.Unreachable", record.NotReached), record.NotReached));
        }

        parts.Add(ctx.T("Notice.Sent.Status"));
        ctx.Reply(Html.Join("\n\n", parts));
    }

    private Html Refusal(ChatContext ctx, ConveneOutcome outcome) => outcome switch
    {
        ConveneOutcome.TooLate(var period) => TooLate(ctx, period),
        ConveneOutcome.AgendaMissing => ctx.T("Notice.AgendaMissing"),
        ConveneOutcome.AgendaTooLong(var items, var length) => ctx.T("Notice.AgendaTooLong", items, length),
        ConveneOutcome.ReasonInvalid(var max) => ctx.T("Notice.ReasonInvalid", max),
        ConveneOutcome.Invalid(var problem) => ctx.T($"Notice.Problem.{problem}", Event.MaxTitleLength, Event.MaxPlaceLength),
        _ => ctx.T("Notice.NotOrganizer"),
    };

    private Html TooLate(ChatContext ctx, PeriodCheck period) =>
        ctx.T("Notice.TooLate", period.PeriodDays, WhenTexts.Date(ctx.Texts, ctx.Culture, period.MeetingOn), Math.Max(0, period.DaysBetween),
            WhenTexts.Date(ctx.Texts, ctx.Culture, period.LastDay));

    private Html LineProblem(ChatContext ctx, FormError error) =>
        error.Field == FormField.Option ? ctx.T("Notice.UnknownOption", Echo(error.Typed)) : NewEventTexts.Problem(ctx, error, clock);

    private Html Usage(ChatContext ctx) => ctx.T("Notice.Usage", WhenTexts.SampleDateAndTime(ctx.Culture, clock.Today.AddDays(30)));

    private DialogStep AskWhen(ChatContext ctx)
    {
        ctx.Say("Notice.Ask.When", WhenTexts.SampleDateAndTime(ctx.Culture, clock.Today.AddDays(30)));
        return DialogStep.Ask(WhenStep);
    }

    private static DialogStep Ask(ChatContext ctx, string key, string step)
    {
        ctx.Say(key);
        return DialogStep.Ask(step);
    }

    private DialogStep Take<T>(ChatContext ctx, FormResult<T> read, string step, Action<T> keep, Func<DialogStep> next)
    {
        switch (read)
        {
            case FormResult<T>.Parsed(var value):
                keep(value);
                return next();
            case FormResult<T>.Failed(var error):
                ctx.Reply(NewEventTexts.Problem(ctx, error, clock));
                return DialogStep.Ask(step);
            default:
                throw new InvalidOperationException("A result is parsed or failed.");
        }
    }

    private static InlineKeyboardMarkup ConfirmButtons(ChatContext ctx) =>
        new([[DialogChoice.Button(ctx.Plain("Notice.Button.Send"), ConfirmStep, Send), DialogChoice.Button(ctx.Plain("Notice.Button.Cancel"), ConfirmStep, Stop)]]);
}
