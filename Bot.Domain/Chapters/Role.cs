namespace Bot.Domain.Chapters;

/// <summary>A member's role in a chapter; it holds in the chapter's sub-chapters too.</summary>
public enum Role
{
    Member = 1,
    Organizer = 2,
    Admin = 3,
}

public static class Roles
{
    public static Access ToAccess(this Role role) => (Access)(int)role;

    /// <summary>Reads a role as people type it, in English or German.</summary>
    public static bool TryParse(string? text, out Role role)
    {
        role = default;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "member" or "mitglied":
                role = Role.Member;
                return true;
            case "organizer" or "organiser" or "organisator" or "organisatorin" or "orga":
                role = Role.Organizer;
                return true;
            case "admin" or "administrator" or "administratorin":
                role = Role.Admin;
                return true;
            default:
                return false;
        }
    }
}
