using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Bot.Tests.Faults;

/// <summary>The repository's <c>compose.yaml</c>, read as Compose reads it: anchors and aliases resolved, and
/// <c>${NAME}</c>, <c>${NAME:-default}</c> and <c>${NAME:?message}</c> in values replaced from the variables given
/// (an operator's environment or .env file), <c>$$</c> left as one <c>$</c>. A variable required and not given
/// fails, as <c>docker compose up</c> does.</summary>
internal sealed partial class ComposeFile
{
    private readonly YamlMappingNode root;
    private readonly IReadOnlyDictionary<string, string> variables;

    private ComposeFile(YamlMappingNode root, IReadOnlyDictionary<string, string> variables) =>
        (this.root, this.variables) = (root, variables);

    /// <summary>compose.yaml at the top of the repository this test assembly was built from.</summary>
    public static ComposeFile OfRepository(IReadOnlyDictionary<string, string> variables)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Bot.sln")))
        {
            folder = folder.Parent;
        }

        var path = Path.Combine(folder?.FullName ?? throw new InvalidOperationException("Bot.sln not found above the test assembly"), "compose.yaml");
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return new ComposeFile((YamlMappingNode)stream.Documents.Single().RootNode, variables);
    }

    /// <summary>The names of the services, in the file's order.</summary>
    public IReadOnlyList<string> Services => Mapping(root, "services").Children.Keys.Select(Text).ToList();

    /// <summary>A service's environment, its values interpolated.</summary>
    public IReadOnlyDictionary<string, string> Environment(string service)
    {
        var environment = Mapping(Mapping(Mapping(root, "services"), service), "environment");
        return environment.Children.ToDictionary(e => Text(e.Key), e => Interpolate(Text(e.Value)));
    }

    /// <summary>A service's image, or null when it is built from the repository.</summary>
    public string? Image(string service) =>
        Mapping(Mapping(root, "services"), service).Children.TryGetValue("image", out var image) ? Interpolate(Text(image)) : null;

    /// <summary>The content of an inline config (<c>configs: name: content:</c>), interpolated.</summary>
    public string Config(string name) => Interpolate(Text(Mapping(Mapping(root, "configs"), name).Children["content"]));

    private string Interpolate(string value) => Variable().Replace(value, match =>
    {
        if (match.Value == "$$")
        {
            return "$";
        }

        var name = match.Groups["name"].Value;
        var given = variables.TryGetValue(name, out var set) && set.Length > 0 ? set : null;
        return match.Groups["kind"].Value switch
        {
            ":-" => given ?? match.Groups["rest"].Value,
            ":?" => given ?? throw new InvalidOperationException($"compose.yaml: {name}: {match.Groups["rest"].Value}"),
            _ => given ?? "",
        };
    });

    private static YamlMappingNode Mapping(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var child) && child is YamlMappingNode mapping
            ? mapping
            : throw new InvalidOperationException($"compose.yaml has no mapping '{key}' where the test looks for it");

    private static string Text(YamlNode node) => ((YamlScalarNode)node).Value ?? "";

    [GeneratedRegex(@"\$\$|\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<kind>:[-?])(?<rest>[^}]*))?\}")]
    private static partial Regex Variable();
}
