using System.Globalization;
using System.Text.RegularExpressions;
using Bot.Domain.Chapters;

namespace Bot.Commands.Chapters;

/// <summary>What <c>/invite [chapter] [validity] [uses]</c> asks for. Read from the end, because a chapter name
/// may contain spaces: a last word of digits is the number of uses (<c>5</c>), a number with a unit the validity
/// (<c>48h</c>, <c>7d</c> or German <c>7T</c>, <c>2w</c>), in either order; the rest is the chapter's name,
/// empty when none was given.</summary>
public sealed partial record InviteRequest(string ChapterName, TimeSpan Validity, int Uses)
{
    /// <summary>A personal invite by default: a link forwarded further lets nobody else in.</summary>
    public const int DefaultUses = 1;

    /// <summary>Quotes people put around a name: <c>"Kreisverband Nord"</c>, <c>„Kreisverband Nord“</c>.</summary>
    private static readonly char[] Quotes = ['"', '\'', '„', '“', '”', '‚', '‘', '’', '«', '»'];

    /// <summary>The request, or null when a number is there but not one that can be used (<c>0</c>,
    /// <c>5000</c>, <c>120d</c>).</summary>
    public static InviteRequest? Parse(string args)
    {
        var rest = args.Trim();
        TimeSpan? validity = null;
        int? uses = null;
        for (var i = 0; i < 2 && rest.Length > 0; i++)
        {
            var cut = rest.Length - 1;
            while (cut >= 0 && !char.IsWhiteSpace(rest[cut]))
            {
                cut--;
            }

            var word = rest[(cut + 1)..];
            if (uses is null && Number().IsMatch(word))
            {
                if (!int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > ChapterService.MaxInviteUses)
                {
                    return null;
                }

                uses = n;
            }
            else if (validity is null && Duration().Match(word) is { Success: true } duration)
            {
                if (ReadValidity(duration) is not { } span)
                {
                    return null;
                }

                validity = span;
            }
            else
            {
                break;
            }

            rest = cut < 0 ? "" : rest[..cut].TrimEnd();
        }

        return new InviteRequest(rest.Trim(Quotes).Trim(), validity ?? ChapterService.DefaultInviteValidity, uses ?? DefaultUses);
    }

    /// <summary>The request with the defaults, for a chapter whose name looks like options (<c>Ortsverband 5</c>).</summary>
    public static InviteRequest ForName(string name) =>
        new(name.Trim(), ChapterService.DefaultInviteValidity, DefaultUses);

    private static TimeSpan? ReadValidity(Match duration)
    {
        if (!int.TryParse(duration.Groups["n"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
        {
            return null;
        }

        var hours = duration.Groups["unit"].Value.ToLowerInvariant() switch
        {
            "h" or "std" => 1L,
            "d" or "t" => 24L,
            _ => 24L * 7,
        };
        var span = TimeSpan.FromHours(n * hours);
        return span > ChapterService.MaxInviteValidity ? null : span;
    }

    [GeneratedRegex(@"^[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    [GeneratedRegex(@"^(?<n>[0-9]{1,6})(?<unit>h|std|d|t|w)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Duration();
}
