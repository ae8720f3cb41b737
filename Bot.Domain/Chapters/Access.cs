namespace Bot.Domain.Chapters;

/// <summary>What a person may do, from least to most: the levels a command declares and the policy grants.</summary>
public enum Access
{
    Anyone = 0,
    Member = 1,
    Organizer = 2,
    Admin = 3,
}
