namespace Bot.Telegram.Updates;

/// <summary>Who answers a button press: its application (with what the press did) or, when the press waited in the
/// inbox too long, <see cref="CallbackAcknowledger"/> (with "received"). Telegram takes one answer per press, so the
/// two must never both answer, and one of them must. They run in the same instance (the acknowledger acts only
/// while this instance holds the inbox lease) and agree here; the inbox's <see cref="InboxUpdate.AcknowledgedAt"/>
/// carries an acknowledgement over a restart.
/// <para>A press the application has begun is the application's to answer; an acknowledgement being written is
/// taken over by an application that begins before it is decided; a decided acknowledgement stands.</para></summary>
public sealed class PressAnswers
{
    private enum Answerer
    {
        Applying,
        Acknowledging,
        Acknowledged,
    }

    private readonly Lock gate = new();
    private readonly Dictionary<long, Answerer> presses = [];

    /// <summary>The update is being applied. Returns true when the press was acknowledged already: then the
    /// application must not answer it.</summary>
    public bool BeginApplying(long updateId)
    {
        lock (gate)
        {
            if (presses.TryGetValue(updateId, out var answerer) && answerer == Answerer.Acknowledged)
            {
                return true;
            }

            presses[updateId] = Answerer.Applying;
            return false;
        }
    }

    /// <summary>The updates are committed as processed: nobody answers them any more.</summary>
    public void Applied(IEnumerable<long> updateIds)
    {
        lock (gate)
        {
            foreach (var id in updateIds)
            {
                presses.Remove(id);
            }
        }
    }

    /// <summary>Presses the inbox says were acknowledged (by this instance before a restart, or another).</summary>
    public void AcknowledgedBefore(IEnumerable<long> updateIds)
    {
        lock (gate)
        {
            foreach (var id in updateIds)
            {
                presses[id] = Answerer.Acknowledged;
            }
        }
    }

    /// <summary>The presses being applied now, which the acknowledger leaves alone.</summary>
    public IReadOnlyCollection<long> BeingApplied()
    {
        lock (gate)
        {
            return presses.Where(p => p.Value == Answerer.Applying).Select(p => p.Key).ToList();
        }
    }

    /// <summary>The acknowledger means to answer these; returns those it may (not being applied).</summary>
    public IReadOnlyList<long> BeginAcknowledging(IEnumerable<long> updateIds)
    {
        lock (gate)
        {
            var mine = new List<long>();
            foreach (var id in updateIds)
            {
                if (!presses.ContainsKey(id))
                {
                    presses[id] = Answerer.Acknowledging;
                    mine.Add(id);
                }
            }

            return mine;
        }
    }

    /// <summary>Decides the acknowledgement of those of <paramref name="updateIds"/> that no application took over
    /// meanwhile, and returns them: only these are answered "received". The others go back to their application.</summary>
    public IReadOnlyList<long> DecideAcknowledging(IEnumerable<long> updateIds)
    {
        lock (gate)
        {
            var decided = new List<long>();
            foreach (var id in updateIds)
            {
                if (presses.TryGetValue(id, out var answerer) && answerer == Answerer.Acknowledging)
                {
                    presses[id] = Answerer.Acknowledged;
                    decided.Add(id);
                }
            }

            return decided;
        }
    }

    /// <summary>The acknowledgement of these was not committed (or the rows were gone): forget the claim, unless an
    /// application has them.</summary>
    public void AbandonAcknowledging(IEnumerable<long> updateIds)
    {
        lock (gate)
        {
            foreach (var id in updateIds)
            {
                if (presses.TryGetValue(id, out var answerer) && answerer != Answerer.Applying)
                {
                    presses.Remove(id);
                }
            }
        }
    }
}
