using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Floor;

/// <summary>
/// The queues as the wallboards show them, fed by the AMI client and by the SIP-derived view.
/// Callers are keyed by an opaque id (an Asterisk Uniqueid or a SIP Call-ID), never by number.
/// Events keep the figures live; a periodic summary corrects what the events missed.
/// </summary>
internal sealed class QueueBoard
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, QueueTrack> _queues = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, QueueOptions> _configured = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _time;
    private long _version;

    public QueueBoard(IOptions<FloorOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        foreach (var queue in options.Value.Queues)
        {
            _configured[queue.Name] = queue;
            _queues[queue.Name] = new QueueTrack(queue.Name, TimeSpan.FromSeconds(queue.ServiceLevelSeconds));
        }
    }

    /// <summary>Raised after any figure changed.</summary>
    public event Action? Changed;

    /// <summary>Increases on every change, so renderers can skip unchanged frames.</summary>
    public long Version => Interlocked.Read(ref _version);

    public void CallerJoined(string queue, string caller) => Update(queue, q => q.Callers.TryAdd(caller, _time.GetUtcNow()));

    /// <summary>An agent answered the caller; <paramref name="waited"/> is the caller's wait if the feed knows it better.</summary>
    public void CallerAnswered(string queue, string caller, TimeSpan? waited = null) => Update(queue, q =>
    {
        var now = _time.GetUtcNow();
        var wait = waited ?? (q.Callers.TryGetValue(caller, out var joined) ? now - joined : (TimeSpan?)null);
        q.Callers.Remove(caller);
        if (wait is null || !q.Answered.Add(caller))
        {
            return wait is null;
        }

        q.AnsweredCount++;
        if (wait <= q.ServiceLevelTime)
        {
            q.AnsweredInTime++;
        }

        return true;
    });

    public void CallerAbandoned(string queue, string caller) => Update(queue, q =>
    {
        q.Callers.Remove(caller);
        q.AbandonedCount++;
        return true;
    });

    /// <summary>The caller left the queue without an answer or abandon being reported (timeout, exit key, already counted).</summary>
    public void CallerLeft(string queue, string caller) => Update(queue, q =>
    {
        q.Answered.Remove(caller);
        return q.Callers.Remove(caller);
    });

    /// <summary>A periodic summary (AMI QueueSummary): corrects waiting callers and available agents.</summary>
    public void Summary(string queue, int available, int callers, TimeSpan longestHold) => Update(queue, q =>
    {
        q.SummaryAvailable = available;
        if (callers == 0)
        {
            q.Callers.Clear();
        }
        else if (q.Callers.Count < callers)
        {
            // Joins the feed missed (e.g. while reconnecting): the oldest waited longestHold.
            var now = _time.GetUtcNow();
            for (var i = q.Callers.Count; i < callers; i++)
            {
                q.Callers.TryAdd("summary-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), now - (i == q.Callers.Count ? longestHold : TimeSpan.Zero));
            }
        }

        return true;
    });

    /// <summary>Totals Asterisk keeps since its last reset (QueueParams); used until events have counted calls.</summary>
    public void Totals(string queue, int completed, int abandoned) => Update(queue, q =>
    {
        q.TotalCompleted = completed;
        q.TotalAbandoned = abandoned;
        return true;
    });

    /// <summary>A queue member's state; available means logged in, not paused and not busy.</summary>
    public void Member(string queue, string member, bool available) => Update(queue, q =>
    {
        q.Members[member] = available;
        return true;
    });

    public QueueStats? Stats(string queue)
    {
        lock (_gate)
        {
            return _queues.TryGetValue(queue, out var q) ? q.Stats(_time.GetUtcNow()) : null;
        }
    }

    public IReadOnlyList<QueueStats> Snapshot()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var list = new List<QueueStats>(_queues.Count);
            foreach (var q in _queues.Values)
            {
                list.Add(q.Stats(now));
            }

            list.Sort(static (a, b) => string.CompareOrdinal(a.Queue, b.Queue));
            return list;
        }
    }

    private void Update(string queue, Func<QueueTrack, bool> change)
    {
        bool changed;
        lock (_gate)
        {
            if (!_queues.TryGetValue(queue, out var q))
            {
                var sl = _configured.TryGetValue(queue, out var o) ? o.ServiceLevelSeconds : 20;
                q = new QueueTrack(queue, TimeSpan.FromSeconds(sl));
                _queues.Add(queue, q);
            }

            changed = change(q);
        }

        if (changed)
        {
            Interlocked.Increment(ref _version);
            Changed?.Invoke();
        }
    }

    private sealed class QueueTrack(string name, TimeSpan serviceLevelTime)
    {
        public string Name { get; } = name;

        public TimeSpan ServiceLevelTime { get; } = serviceLevelTime;

        public Dictionary<string, DateTimeOffset> Callers { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Answered { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, bool> Members { get; } = new(StringComparer.Ordinal);

        public int AnsweredCount { get; set; }

        public int AnsweredInTime { get; set; }

        public int AbandonedCount { get; set; }

        public int? SummaryAvailable { get; set; }

        public int TotalCompleted { get; set; }

        public int TotalAbandoned { get; set; }

        public QueueStats Stats(DateTimeOffset now)
        {
            var longest = TimeSpan.Zero;
            foreach (var joined in Callers.Values)
            {
                if (now - joined > longest)
                {
                    longest = now - joined;
                }
            }

            var available = 0;
            foreach (var free in Members.Values)
            {
                available += free ? 1 : 0;
            }

            if (Members.Count == 0)
            {
                available = SummaryAvailable ?? 0;
            }

            var counted = AnsweredCount + AbandonedCount > 0;
            var answered = counted ? AnsweredCount : TotalCompleted;
            var abandoned = counted ? AbandonedCount : TotalAbandoned;
            var offered = answered + abandoned;
            double? serviceLevel = counted ? (double)AnsweredInTime / offered : null;
            double? abandonRate = offered > 0 ? (double)abandoned / offered : null;
            return new QueueStats(Name, Callers.Count, longest, available, answered, abandoned, serviceLevel, abandonRate);
        }
    }
}
