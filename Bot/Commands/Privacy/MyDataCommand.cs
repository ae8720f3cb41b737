using Bot.Domain.Chapters;
using Bot.Domain.Privacy;
using Bot.Domain.Time;
using Bot.Telegram.Outbox;
using Bot.Telegram.Rendering;

namespace Bot.Commands.Privacy;

/// <summary>/mydata: everything the bot stores about the sender, as a message to read and a JSON file with all
/// of it. Open to anyone: a stranger asking what is stored about them gets a true answer too. The answers are
/// ephemeral (<see cref="OutboxWriter.EphemeralTag"/>): once delivered, no copy of the export stays behind. An open
/// dialog stays open: it is part of what is stored, and asking must not change the answer.</summary>
public sealed class MyDataCommand(IEnumerable<IPersonalDataHolder> holders, ChapterService chapters, ChapterClock clock) : IBotCommand, IAnswersInPrivate, IKeepsDialog
{
    public string Name => "mydata";

    public Access Access => Access.Anyone;

    public ChatKinds Chats => ChatKinds.Any;

    public async Task Run(ChatContext ctx, CancellationToken ct)
    {
        var userId = ctx.From.Id;
        var sections = await PersonalDataExport.Collect(holders, userId, ct);
        if (sections.Count == 0)
        {
            ctx.Outbox.Send(ctx.ReplyChatId, ctx.T("Privacy.NothingStored"), tag: OutboxWriter.EphemeralTag);
            return;
        }

        var zone = clock.Zone;
        var now = ctx.Clock.GetUtcNow().UtcDateTime;
        var lines = new List<Html> { ctx.T("Privacy.MyData.Header"), Html.Raw("") };
        if (await chapters.Member(userId, ct) is { } member)
        {
            lines.Add(ctx.T("Privacy.MyData.Name", member.DisplayName));
            if (member.Username is { Length: > 0 } username)
            {
                lines.Add(ctx.T("Privacy.MyData.Username", username));
            }

            lines.Add(ctx.T("Privacy.MyData.Since", PersonalDataExport.Date(member.JoinedAt, zone, ctx.Culture)));
            var reads = ctx.Texts.CultureFor(member.Language).TwoLetterISOLanguageName;
            var how = member.LanguageChosen ? "Chosen" : member.Language is null ? "Default" : "App";
            lines.Add(ctx.T($"Privacy.MyData.Language.{how}", ctx.Plain($"Settings.Language.{reads}")));
        }
        else
        {
            lines.Add(ctx.T("Privacy.MyData.NotMember"));
        }

        var roles = ctx.Permissions.Memberships.ToDictionary(m => m.ChapterId, m => m.Role);
        var joined = ctx.Permissions.Tree.InOrder().Where(c => roles.ContainsKey(c.Id)).ToList();
        if (joined.Count > 0)
        {
            lines.Add(Html.Raw(""));
            lines.Add(ctx.T("Privacy.MyData.Chapters"));
            lines.AddRange(joined.Select(c => ctx.T("Privacy.MyData.Membership", c.Name, ctx.Plain($"Privacy.Role.{roles[c.Id]}"))));
        }

        lines.Add(Html.Raw(""));
        lines.Add(ctx.T("Privacy.MyData.Stored"));
        lines.Add(PersonalDataExport.SectionList(ctx, sections));
        lines.Add(Html.Raw(""));
        lines.Add(ctx.T("Privacy.MyData.HowToErase"));

        ctx.Outbox.Send(ctx.ReplyChatId, Html.Join("\n", lines), tag: OutboxWriter.EphemeralTag);
        ctx.Outbox.SendDocument(
            ctx.ReplyChatId,
            $"mydata-{TimeZoneInfo.ConvertTimeFromUtc(now, zone):yyyy-MM-dd}.json",
            PersonalDataExport.Document(userId, now, sections),
            ctx.T("Privacy.MyData.Caption", PersonalDataExport.Date(now, zone, ctx.Culture)),
            tag: OutboxWriter.EphemeralTag);
    }
}
