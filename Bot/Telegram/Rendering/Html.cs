using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Bot.Telegram.Rendering;

/// <summary>Markup for Telegram's HTML parse mode, trusted as it is. User text gets in only escaped: through
/// <see cref="Text"/>, the tag helpers, or as a value interpolated into <see cref="Format(ref HtmlInterpolatedStringHandler)"/>,
/// because one unescaped <c>&lt;</c> makes Telegram reject the whole message.</summary>
public readonly record struct Html(string Value)
{
    // default(Html) is empty markup rather than null.
    public string Value { get => field ?? string.Empty; init => field = value; } = Value;

    private static readonly SearchValues<char> Special = SearchValues.Create("&<>\"");

    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.AsSpan().ContainsAny(Special)) return text;

        var builder = new DefaultInterpolatedStringHandler(text.Length + 16, 0);
        AppendEscaped(ref builder, text);
        return builder.ToStringAndClear();
    }

    /// <summary>User text as markup: escaped.</summary>
    public static Html Text(string userText) => new(Escape(userText));

    /// <summary>Markup the code wrote itself; never pass user text here.</summary>
    public static Html Raw(string markup) => new(markup);

    /// <summary>Literals are markup, every interpolated value is escaped unless it is an <see cref="Html"/>.
    /// Numbers and dates format with the invariant culture.</summary>
    public static Html Format(ref HtmlInterpolatedStringHandler markup) => markup.ToHtmlAndClear();

    /// <summary>As <see cref="Format(ref HtmlInterpolatedStringHandler)"/>, formatting values with <paramref name="provider"/>.</summary>
    public static Html Format(IFormatProvider? provider, [InterpolatedStringHandlerArgument(nameof(provider))] ref HtmlInterpolatedStringHandler markup) =>
        markup.ToHtmlAndClear();

    /// <summary>Joins markup with a plain-text separator, which is escaped like any other text.</summary>
    public static Html Join(string separator, IEnumerable<Html> parts) => Join(Text(separator), parts);

    public static Html Join(Html separator, IEnumerable<Html> parts) =>
        new(string.Join(separator.Value, parts.Select(part => part.Value)));

    public static Html Bold(string text) => Format($"<b>{text}</b>");

    public static Html Italic(string text) => Format($"<i>{text}</i>");

    public static Html Code(string text) => Format($"<code>{text}</code>");

    public static Html Link(string url, string text) => Format($"<a href=\"{url}\">{text}</a>");

    /// <summary>The text as Telegram shows and counts it: tags removed, entities decoded.</summary>
    public static string Visible(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var visible = new StringBuilder(html.Length);
        foreach (var piece in HtmlReader.Read(html))
        {
            visible.Append(piece.Text);
        }
        return visible.ToString();
    }

    public override string ToString() => Value;

    internal static void AppendEscaped(ref DefaultInterpolatedStringHandler builder, ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            var next = text.IndexOfAny(Special);
            if (next < 0)
            {
                builder.AppendFormatted(text);
                return;
            }
            builder.AppendFormatted(text[..next]);
            builder.AppendLiteral(text[next] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => "&quot;",
            });
            text = text[(next + 1)..];
        }
    }
}

/// <summary>Builds <see cref="Html"/> from an interpolated string: the literals are the code's markup, the holes
/// are escaped.</summary>
[InterpolatedStringHandler]
public ref struct HtmlInterpolatedStringHandler
{
    private DefaultInterpolatedStringHandler builder;
    private readonly IFormatProvider provider;

    public HtmlInterpolatedStringHandler(int literalLength, int formattedCount)
        : this(literalLength, formattedCount, null)
    {
    }

    public HtmlInterpolatedStringHandler(int literalLength, int formattedCount, IFormatProvider? provider)
    {
        builder = new DefaultInterpolatedStringHandler(literalLength, formattedCount);
        this.provider = provider ?? CultureInfo.InvariantCulture;
    }

    public void AppendLiteral(string markup) => builder.AppendLiteral(markup);

    public void AppendFormatted<T>(T value, int alignment = 0, string? format = null)
    {
        if (value is Html html)
        {
            AppendPadded(alignment, Html.Visible(html.Value).Length, html.Value, escape: false);
            return;
        }

        var text = value switch
        {
            null => string.Empty,
            string plain => plain,
            IFormattable formattable => formattable.ToString(format, provider),
            _ => value.ToString() ?? string.Empty,
        };
        AppendPadded(alignment, text.Length, text, escape: true);
    }

    internal Html ToHtmlAndClear() => new(builder.ToStringAndClear());

    // Alignment pads what the reader sees, so markup is measured by its visible length.
    private void AppendPadded(int alignment, int visibleLength, string text, bool escape)
    {
        var padding = Math.Max(0, Math.Abs(alignment) - visibleLength);
        var spaces = new string(' ', padding);
        if (alignment > 0) builder.AppendLiteral(spaces);
        if (escape) Html.AppendEscaped(ref builder, text);
        else builder.AppendLiteral(text);
        if (alignment < 0) builder.AppendLiteral(spaces);
    }
}
