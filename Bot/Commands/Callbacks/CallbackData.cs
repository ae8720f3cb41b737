namespace Bot.Commands.Callbacks;
// PROVISIONAL: replaced by the text branch.
public sealed record CallbackData(string Route, IReadOnlyList<string> Args)
{
    public static CallbackData Of(string route, params object[] args) => new(route, args.Select(a => a.ToString()!).ToList());
    public string? Token(int index) => index < Args.Count ? Args[index] : null;
    public bool TryGetLong(int index, out long value) { value = 0; return index < Args.Count && long.TryParse(Args[index], out value); }
}
public static class CallbackCodec
{
    public static string Encode(CallbackData data) => "1." + data.Route + string.Concat(data.Args.Select(a => "." + a));
    public static bool TryDecode(string? raw, out CallbackData data)
    {
        data = new CallbackData("", []);
        if (raw is null || !raw.StartsWith("1.", StringComparison.Ordinal)) return false;
        var parts = raw.Split('.');
        data = new CallbackData(parts[1], parts.Skip(2).ToList());
        return true;
    }
}
