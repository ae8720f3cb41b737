using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Bot.Commands.Callbacks;

/// <summary>Puts <see cref="CallbackData"/> into Telegram's callback_data (1 to 64 bytes) and reads it back.</summary>
/// <remarks>
/// Wire format, all ASCII: the version digit <c>1</c>, <c>.</c>, the route, then each argument introduced by its
/// kind: <c>.</c> and a number in lower-case base 36, or <c>~</c> and a token. <c>1.rv.2s~yes</c> is route
/// <c>rv</c> with the number 100 and the token <c>yes</c>. The mark tells numbers from tokens, so <c>~abc</c> and
/// <c>.abc</c> are different arguments, and each data has exactly one encoding (no leading zeros, no upper-case
/// digits). A button from an older layout carries another version digit and is refused as stale.
/// </remarks>
public static class CallbackCodec
{
    public const int MaxBytes = 64;

    private const char Version = '1';
    private const char NumberMark = '.';
    private const char TokenMark = '~';
    private const string Digits = "0123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary>Throws <see cref="ArgumentException"/> when the result would not fit in 64 bytes: a button the code
    /// builds must always fit, so that is a bug, not bad input.</summary>
    public static string Encode(CallbackData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var wire = Write(data);
        if (wire.Length > MaxBytes)
        {
            throw new ArgumentException($"Callback data '{wire}' is {wire.Length} bytes; Telegram allows {MaxBytes}.", nameof(data));
        }
        return wire;
    }

    /// <summary>Reads data from a pressed button. Anything malformed, forged or from another version gives false;
    /// this never throws, because callback data comes from outside.</summary>
    public static bool TryDecode(string? raw, [NotNullWhen(true)] out CallbackData? data)
    {
        data = null;
        // Only ASCII is ever written, so a character count over the limit is a byte count over it too.
        if (string.IsNullOrEmpty(raw) || raw.Length > MaxBytes || !Ascii.IsValid(raw)) return false;
        if (raw.Length < 3 || raw[0] != Version || raw[1] != NumberMark) return false;

        var rest = raw.AsSpan(2);
        var routeLength = rest.IndexOfAny(NumberMark, TokenMark);
        if (routeLength < 0) routeLength = rest.Length;
        if (!CallbackData.IsRoute(rest[..routeLength])) return false;
        var route = rest[..routeLength].ToString();
        rest = rest[routeLength..];

        var arguments = new List<CallbackArgument>(CallbackData.MaxArguments);
        while (!rest.IsEmpty)
        {
            if (arguments.Count == CallbackData.MaxArguments) return false;
            var mark = rest[0];
            rest = rest[1..];
            var length = rest.IndexOfAny(NumberMark, TokenMark);
            if (length < 0) length = rest.Length;
            var text = rest[..length];
            rest = rest[length..];

            if (mark == NumberMark && TryReadNumber(text, out var number)) arguments.Add(new CallbackArgument(number, null));
            else if (mark == TokenMark && CallbackData.IsToken(text)) arguments.Add(new CallbackArgument(null, text.ToString()));
            else return false;
        }

        data = CallbackData.FromValidParts(route, [.. arguments]);
        return true;
    }

    internal static string Write(CallbackData data)
    {
        var wire = new StringBuilder(MaxBytes).Append(Version).Append(NumberMark).Append(data.Route);
        foreach (var argument in data.Arguments)
        {
            if (argument.Number is { } number) AppendNumber(wire.Append(NumberMark), number);
            else wire.Append(TokenMark).Append(argument.Token);
        }
        return wire.ToString();
    }

    private static void AppendNumber(StringBuilder wire, long number)
    {
        Span<char> digits = stackalloc char[13];
        var start = digits.Length;
        do
        {
            digits[--start] = Digits[(int)(number % 36)];
            number /= 36;
        }
        while (number > 0);
        wire.Append(digits[start..]);
    }

    private static bool TryReadNumber(ReadOnlySpan<char> text, out long number)
    {
        number = 0;
        if (text.IsEmpty || (text[0] == '0' && text.Length > 1)) return false;
        foreach (var c in text)
        {
            var digit = Digits.IndexOf(c);
            if (digit < 0 || number > (long.MaxValue - digit) / 36) return false;
            number = number * 36 + digit;
        }
        return true;
    }
}
