namespace Bot.Domain.Chapters;

/// <summary>A chapter in the tree: the root (state association), district associations, neighbourhood chapters.</summary>
public sealed class Chapter
{
    public const int MaxNameLength = 64;

    public long Id { get; set; }
    public required string Name { get; set; }
    public long? ParentId { get; set; }

    /// <summary>The group chat linked for announcements, if any.</summary>
    public long? GroupChatId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The notice period its statutes set for meetings, in days; null: <c>Bot:NoticePeriodDays</c>.</summary>
    public int? NoticePeriodDays { get; set; }
}
