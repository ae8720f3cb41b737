using System.Buffers;

namespace Bot.Commands.Callbacks;

/// <summary>What an inline button asks for: a route naming its handler and up to six arguments, each a
/// non-negative number or a short token. <see cref="CallbackCodec"/> puts it on the wire.</summary>
public sealed class CallbackData : IEquatable<CallbackData>
{
    public const int MaxRouteLength = 8;
    public const int MaxArguments = 6;

    private static readonly SearchValues<char> RouteCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789");
    private static readonly SearchValues<char> TokenCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");

    private readonly CallbackArgument[] arguments;

    private CallbackData(string route, CallbackArgument[] arguments)
    {
        Route = route;
        this.arguments = arguments;
    }

    public string Route { get; }

    public int ArgumentCount => arguments.Length;

    internal IReadOnlyList<CallbackArgument> Arguments => arguments;

    /// <summary>Builds data from a route and arguments that are <see cref="long"/>, <see cref="int"/> (both
    /// non-negative) or token strings. Anything else is a programming error and throws.</summary>
    public static CallbackData Of(string route, params object[] args)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(args);
        if (!IsRoute(route))
        {
            throw new ArgumentException($"Route '{route}' is not 1 to {MaxRouteLength} characters of a-z and 0-9.", nameof(route));
        }
        if (args.Length > MaxArguments)
        {
            throw new ArgumentException($"{args.Length} arguments; callback data carries at most {MaxArguments}.", nameof(args));
        }
        return new CallbackData(route, Array.ConvertAll(args, ToArgument));
    }

    /// <summary>The argument at <paramref name="index"/> if it is there and a number.</summary>
    public bool TryGetLong(int index, out long value)
    {
        var number = index >= 0 && index < arguments.Length ? arguments[index].Number : null;
        value = number ?? 0;
        return number.HasValue;
    }

    /// <summary>The argument at <paramref name="index"/> if it is there and a token; null otherwise.</summary>
    public string? Token(int index) => index >= 0 && index < arguments.Length ? arguments[index].Token : null;

    public bool Equals(CallbackData? other) =>
        other is not null && Route == other.Route && arguments.AsSpan().SequenceEqual(other.arguments);

    public override bool Equals(object? obj) => Equals(obj as CallbackData);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Route);
        foreach (var argument in arguments) hash.Add(argument);
        return hash.ToHashCode();
    }

    /// <summary>The wire form, for logs; unlike <see cref="CallbackCodec.Encode"/> it does not check the size.</summary>
    public override string ToString() => CallbackCodec.Write(this);

    internal static CallbackData FromValidParts(string route, CallbackArgument[] arguments) => new(route, arguments);

    internal static bool IsRoute(ReadOnlySpan<char> route) =>
        route.Length is > 0 and <= MaxRouteLength && !route.ContainsAnyExcept(RouteCharacters);

    internal static bool IsToken(ReadOnlySpan<char> token) => !token.IsEmpty && !token.ContainsAnyExcept(TokenCharacters);

    private static CallbackArgument ToArgument(object arg) => arg switch
    {
        long number when number >= 0 => new CallbackArgument(number, null),
        int number when number >= 0 => new CallbackArgument(number, null),
        long or int => throw new ArgumentOutOfRangeException(nameof(arg), arg, "Numbers in callback data are non-negative."),
        string token when IsToken(token) => new CallbackArgument(null, token),
        string token => throw new ArgumentException($"Token '{token}' is not made of A-Z, a-z, 0-9, '_' and '-'.", nameof(arg)),
        _ => throw new ArgumentException($"Callback arguments are long, int or string, not {arg?.GetType().Name ?? "null"}.", nameof(arg)),
    };
}

/// <summary>One argument: exactly one of the two is set.</summary>
internal readonly record struct CallbackArgument(long? Number, string? Token);
