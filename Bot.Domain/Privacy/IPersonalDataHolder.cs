namespace Bot.Domain.Privacy;

/// <summary>A part of the bot that stores something about a person. /mydata asks every holder for its part,
/// /deleteme tells every holder to erase it; a feature that stores personal data adds a holder, and nothing
/// else needs to know.</summary>
public interface IPersonalDataHolder
{
    /// <summary>The name of this part in the export (e.g. <c>memberships</c>).</summary>
    string Section { get; }

    /// <summary>What is stored about the person, as plain values that serialize to JSON; null when nothing.</summary>
    Task<object?> Export(long userId, CancellationToken ct);

    /// <summary>Erases the person's data from this part, leaving at most anonymous counts.</summary>
    Task Erase(long userId, CancellationToken ct);
}
