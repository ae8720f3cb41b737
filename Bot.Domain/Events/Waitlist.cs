namespace Bot.Domain.Events;

/// <summary>Who has a place and who waits, derived from the answers every time rather than stored, so it cannot
/// drift: yes answers in the order they came (their tickets) take places, guests included, until the capacity is
/// reached; from the first that does not fit, everyone waits in that order (first in, first out; nobody jumps
/// the queue because their party is smaller).</summary>
public sealed class Waitlist
{
    private readonly Dictionary<long, int> waitlistPlaces = [];
    private readonly HashSet<long> confirmed = [];

    private Waitlist(Event @event, IReadOnlyList<Rsvp> rsvps, AnswerTally others)
    {
        Capacity = @event.Capacity;
        if (others.YesAnswers is null)
        {
            // Yes answers counted, not listed: they all have places, which only holds when nobody waits.
            if (Capacity is not null)
            {
                throw new ArgumentException("An event with a capacity needs its yes answers listed, in their order.", nameof(others));
            }

            (Taken, Confirmed, Guests) = (others.Yes + others.YesGuests, others.Yes, others.YesGuests);
        }

        var yes = rsvps.Concat(others.YesAnswers ?? []).Where(r => r.Answer == Answer.Yes).OrderBy(r => r.Ticket).ThenBy(r => r.Id).ToList();
        var waiting = false;
        foreach (var rsvp in yes)
        {
            waiting |= Capacity is { } capacity && Taken + rsvp.Seats > capacity;
            if (waiting)
            {
                Waitlisted++;
                if (rsvp.UserId is { } waiter)
                {
                    waitlistPlaces[waiter] = Waitlisted;
                }
            }
            else
            {
                Taken += rsvp.Seats;
                Confirmed++;
                Guests += rsvp.Guests;
                if (rsvp.UserId is { } user)
                {
                    confirmed.Add(user);
                }
            }
        }

        Maybe = others.Maybe + rsvps.Count(r => r.Answer == Answer.Maybe);
        No = others.No + rsvps.Count(r => r.Answer == Answer.No);
    }

    public static Waitlist Of(Event @event, IEnumerable<Rsvp> rsvps) => new(@event, rsvps.ToList(), AnswerTally.None);

    /// <summary>The waitlist of <paramref name="others"/> and, when given, <paramref name="own"/> (the one answer
    /// read in full). <see cref="HasPlace"/> and <see cref="WaitlistPlace"/> know the members whose answers are listed:
    /// <paramref name="own"/>'s always, the others' yes answers when the event has a capacity.</summary>
    public static Waitlist Of(Event @event, AnswerTally others, Rsvp? own) => new(@event, own is null ? [] : [own], others);

    public int? Capacity { get; }

    /// <summary>Places taken by confirmed yes answers, guests included.</summary>
    public int Taken { get; }

    public int? Free => Capacity is { } capacity ? Math.Max(0, capacity - Taken) : null;

    /// <summary>Members with a confirmed yes.</summary>
    public int Confirmed { get; }

    /// <summary>Guests the confirmed members bring.</summary>
    public int Guests { get; }

    public int Waitlisted { get; }

    public int Maybe { get; }

    public int No { get; }

    public bool IsFull => Free == 0 || Waitlisted > 0;

    /// <summary>Whether the places already taken fit into <paramref name="capacity"/> (null: no limit): a smaller
    /// capacity never takes a place away from someone who has one.</summary>
    public bool FitsIn(int? capacity) => capacity is not { } places || places >= Taken;

    public bool HasPlace(long userId) => confirmed.Contains(userId);

    /// <summary>The member's place on the waitlist (from 1), or null when they are not waiting.</summary>
    public int? WaitlistPlace(long userId) => waitlistPlaces.TryGetValue(userId, out var place) ? place : null;

    /// <summary>Who has a place now but was waiting in <paramref name="before"/>: they moved up and are told.</summary>
    public IReadOnlyList<long> PromotedSince(Waitlist before) =>
        confirmed.Where(before.waitlistPlaces.ContainsKey).ToList();
}
