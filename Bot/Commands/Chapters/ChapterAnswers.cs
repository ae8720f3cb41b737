using System.Globalization;
using Bot.Commands.Dialogs;
using Bot.Domain.Chapters;
using Bot.Telegram.Api;
using Bot.Telegram.Rendering;
using Bot.Texts;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Chapters;

/// <summary>How /chapters, /role and /members read what people type and offer chapters to choose from.</summary>
internal static class ChapterAnswers
{
    /// <summary>More buttons than this make a wall; whoever needs another chapter types its name.</summary>
    public const int MaxChoices = 24;

    /// <summary>At most this many characters, the "…" included, of what is quoted back or labels a button.</summary>
    private const int MaxEcho = 40;
    private const string ChapterToken = "c";

    /// <summary>The first word and the rest, both trimmed.</summary>
    public static (string First, string Remainder) SplitFirst(string text)
    {
        text = text.Trim();
        var end = 0;
        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        return (text[..end], text[end..].Trim());
    }

    /// <summary>What someone typed, shortened for quoting it back: a huge text must not become a huge answer.</summary>
    public static string Echo(string typed)
    {
        var oneLine = string.Join(' ', typed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return TextCut.Shorten(oneLine, MaxEcho);
    }

    /// <summary>A person as others see them in an answer: their name, and their @username when they have one.</summary>
    public static Html Who(Member member) =>
        member.Username is { Length: > 0 } username
            ? Html.Format($"<b>{member.DisplayName}</b> (@{username})")
            : Html.Format($"<b>{member.DisplayName}</b>");

    public static string RoleName(ChatContext ctx, Role role, CultureInfo? culture = null) =>
        ctx.Texts.Plain($"Role.Name.{role}", culture ?? ctx.Culture);

    /// <summary>Buttons that answer a dialog's <paramref name="step"/> with a chapter, two to a row.</summary>
    public static InlineKeyboardMarkup ChapterButtons(IEnumerable<Chapter> chapters, string step) =>
        Rows(chapters.Take(MaxChoices).Select(c => DialogChoice.Button(Label(c.Name), step, ChapterToken + c.Id.ToString(CultureInfo.InvariantCulture))));

    /// <summary>Buttons in rows of <paramref name="perRow"/>.</summary>
    public static InlineKeyboardMarkup Rows(IEnumerable<InlineKeyboardButton> buttons, int perRow = 2) =>
        new(buttons.Chunk(perRow).Select(row => (IReadOnlyList<InlineKeyboardButton>)row).ToList());

    /// <summary>A chapter from the answer to a chapter question: a pressed button or a typed name. Null when the
    /// answer names no chapter, or one this person cannot see (whose name the answer must not confirm).</summary>
    public static Chapter? FindChapter(Permissions permissions, string answer)
    {
        answer = answer.Trim();
        var chapter = answer.StartsWith(ChapterToken, StringComparison.Ordinal)
            && long.TryParse(answer.AsSpan(ChapterToken.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? permissions.Tree.Find(id) ?? permissions.Tree.Find(answer)
            : permissions.Tree.Find(answer);
        return chapter is not null && permissions.CanSee(chapter.Id) ? chapter : null;
    }

    public static string Label(string name) => TextCut.Shorten(name, MaxEcho);
}
