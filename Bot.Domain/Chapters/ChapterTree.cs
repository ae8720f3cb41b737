namespace Bot.Domain.Chapters;

/// <summary>All chapters, parent to children. Chapters are few (tens, hundreds), so questions about the tree
/// are answered in memory.</summary>
public sealed class ChapterTree
{
    private readonly Dictionary<long, Chapter> byId;
    private readonly ILookup<long?, Chapter> children;

    public ChapterTree(IEnumerable<Chapter> chapters)
    {
        byId = chapters.ToDictionary(c => c.Id);
        children = byId.Values.ToLookup(c => c.ParentId);
    }

    public IReadOnlyCollection<Chapter> All => byId.Values;

    public Chapter? Root => children[null].OrderBy(c => c.Id).FirstOrDefault();

    public Chapter? Find(long id) => byId.GetValueOrDefault(id);

    /// <summary>A chapter by name, ignoring case and surrounding space.</summary>
    public Chapter? Find(string name)
    {
        var wanted = name.Trim();
        return byId.Values.FirstOrDefault(c => string.Equals(c.Name, wanted, StringComparison.OrdinalIgnoreCase));
    }

    public Chapter? ByGroup(long chatId) => byId.Values.FirstOrDefault(c => c.GroupChatId == chatId);

    public IEnumerable<Chapter> Children(long id) => children[id].OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase);

    /// <summary>The chapter, its parent, and so on up to the root.</summary>
    public IEnumerable<Chapter> AncestorsAndSelf(long id)
    {
        for (var chapter = Find(id); chapter is not null; chapter = chapter.ParentId is { } parent ? Find(parent) : null)
        {
            yield return chapter;
        }
    }

    public IEnumerable<Chapter> DescendantsAndSelf(long id)
    {
        if (Find(id) is not { } chapter)
        {
            yield break;
        }

        yield return chapter;
        foreach (var child in Children(id))
        {
            foreach (var descendant in DescendantsAndSelf(child.Id))
            {
                yield return descendant;
            }
        }
    }

    public int Depth(long id) => AncestorsAndSelf(id).Count() - 1;

    /// <summary>Depth-first, children by name: the order the tree is shown in.</summary>
    public IEnumerable<Chapter> InOrder() => Root is { } root ? DescendantsAndSelf(root.Id) : [];
}
