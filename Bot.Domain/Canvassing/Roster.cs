namespace Bot.Domain.Canvassing;

/// <summary>Who has a slot and who waits, derived from the sign-ups every time rather than stored (as
/// <see cref="Events.Waitlist"/> does for events): sign-ups in the order they came take the slots; the rest wait in
/// that order, first in, first out.</summary>
public sealed class Roster
{
    private readonly List<long> placed = [];
    private readonly List<long> waiting = [];

    private Roster(Shift shift, IEnumerable<ShiftSignUp> signUps)
    {
        Slots = shift.Slots;
        Minimum = shift.Minimum;
        foreach (var signUp in signUps.OrderBy(s => s.Ticket).ThenBy(s => s.Id))
        {
            (placed.Count < Slots ? placed : waiting).Add(signUp.UserId);
        }
    }

    public static Roster Of(Shift shift, IEnumerable<ShiftSignUp> signUps) => new(shift, signUps);

    public int Slots { get; }

    public int Minimum { get; }

    public int Taken => placed.Count;

    public int Waitlisted => waiting.Count;

    public bool IsUnderstaffed => Taken < Minimum;

    /// <summary>Those with a slot, in the order they signed up.</summary>
    public IReadOnlyList<long> Placed => placed;

    /// <summary>Those waiting, first first.</summary>
    public IReadOnlyList<long> Waiting => waiting;

    public bool HasPlace(long userId) => placed.Contains(userId);

    public bool IsSignedUp(long userId) => placed.Contains(userId) || waiting.Contains(userId);

    /// <summary>The member's place on the waitlist (from 1), or null when they are not waiting.</summary>
    public int? WaitlistPlace(long userId) => waiting.IndexOf(userId) is var i and >= 0 ? i + 1 : null;

    /// <summary>Who has a slot now but was waiting in <paramref name="before"/>: they moved up and are told.</summary>
    public IReadOnlyList<long> PromotedSince(Roster before) => placed.Where(before.waiting.Contains).ToList();
}
