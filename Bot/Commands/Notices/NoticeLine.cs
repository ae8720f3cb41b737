using Bot.Commands.Events;
using Bot.Domain.Notices;
using Bot.Domain.Time;

namespace Bot.Commands.Notices;

/// <summary>The one-line form <c>title | date time | place | item; item; … [| shortened=reason] [| chapter=name]</c>,
/// read with the same readers as /newevent, so dates, times and mistakes are worded alike.</summary>
internal sealed record NoticeLine(string Title, ZonedTime Start, string Place, IReadOnlyList<string> Agenda, string? ShortenedReason, string? ChapterName)
{
    public const int MaxLength = 4000;

    private static readonly string[] ShortenedKeys = ["shortened", "verkürzt", "verkuerzt"];
    private static readonly string[] ChapterKeys = ["chapter", "verband"];

    public static FormResult<NoticeLine> Parse(string args, ChapterClock clock)
    {
        var line = args.Trim();
        if (line.Length > MaxLength)
        {
            return new FormResult<NoticeLine>.Failed(new FormError(FormField.Line, FormErrorCode.TooLong, "") { Limit = MaxLength });
        }

        var fields = line.Split('|').Select(f => f.Trim()).ToList();
        if (fields.Count < 4)
        {
            return new FormResult<NoticeLine>.Failed(new FormError(fields.Count == 1 ? FormField.When : FormField.Place, FormErrorCode.Missing, ""));
        }

        return NewEventForm.ReadTitle(fields[0]).Then(title =>
            NewEventForm.ReadStart(fields[1], clock).Then(start =>
                NewEventForm.ReadPlace(fields[2]).Then(place =>
                    Options(fields.Skip(4), new NoticeLine(title, start, place, ReadAgenda(fields[3]), null, null)))));
    }

    /// <summary>Agenda items separated by ';' or by new lines; a leading "1." or "-" is the writer's numbering.</summary>
    public static IReadOnlyList<string> ReadAgenda(string text) =>
        text.Split([';', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(item => item.TrimStart('-', '•', '*').Trim())
            .Select(item => StripNumber(item))
            .Where(item => item.Length > 0)
            .ToList();

    public NoticeDraft Draft(long chapterId) => new(chapterId, Title, Start.UtcDateTime, Place, Agenda, ShortenedReason);

    private static string StripNumber(string item)
    {
        var digits = 0;
        while (digits < item.Length && char.IsAsciiDigit(item[digits]))
        {
            digits++;
        }

        return digits > 0 && digits < item.Length && item[digits] is '.' or ')' ? item[(digits + 1)..].Trim() : item;
    }

    private static FormResult<NoticeLine> Options(IEnumerable<string> options, NoticeLine read)
    {
        foreach (var option in options.Where(o => o.Length > 0))
        {
            var eq = option.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? option : option[..eq].Trim();
            var value = eq < 0 ? "" : option[(eq + 1)..].Trim();
            if (ShortenedKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                read = read with { ShortenedReason = value };
            }
            else if (ChapterKeys.Contains(key, StringComparer.OrdinalIgnoreCase) && value.Length > 0)
            {
                read = read with { ChapterName = value };
            }
            else
            {
                return new FormResult<NoticeLine>.Failed(new FormError(FormField.Option, FormErrorCode.UnknownKey, option));
            }
        }

        return new FormResult<NoticeLine>.Parsed(read);
    }
}
