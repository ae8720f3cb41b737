namespace Bot.Commands;

/// <summary>Where a command may run.</summary>
[Flags]
public enum ChatKinds
{
    Private = 1,
    Group = 2,
    Any = Private | Group,
}
