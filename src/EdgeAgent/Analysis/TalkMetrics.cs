using EdgeCc.Agent.Audio;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// Talk time, silence, talk-over, interruptions and monologues of one call, from both legs'
/// voice activity over time (per frame with <see cref="Observe"/>, or as finished VAD segments
/// with <see cref="AddSegment"/>) and the call's holds. <see cref="Summarize"/> can be called at
/// any time for figures so far. Memory grows with the number of speech segments, not frames.
/// Not thread-safe: the analysis worker that owns the call feeds it.
/// </summary>
public sealed class TalkMetrics
{
    private readonly TalkMetricsOptions _options;
    private readonly List<Span>[] _segments = [[], []];
    private readonly List<Span> _holds = [];
    private readonly bool[] _open = new bool[2];
    private TimeSpan? _holdStart;

    public TalkMetrics(TalkMetricsOptions? options = null)
    {
        _options = options ?? new TalkMetricsOptions();
    }

    /// <summary>One frame of a leg with the VAD's decision; frames of a leg must come in time order.</summary>
    public void Observe(Leg leg, TimeSpan frameStart, TimeSpan frameDuration, bool isSpeech)
    {
        var index = Index(leg);
        var list = _segments[index];
        if (!isSpeech)
        {
            _open[index] = false;
            return;
        }

        var end = frameStart + frameDuration;
        if (_open[index] && list.Count > 0 && frameStart <= list[^1].End + _options.FrameJoinTolerance)
        {
            list[^1] = list[^1] with { End = TimeSpan.FromTicks(Math.Max(end.Ticks, list[^1].End.Ticks)) };
        }
        else
        {
            list.Add(new Span(frameStart, end));
            _open[index] = true;
        }
    }

    /// <summary>A finished speech segment of a leg (e.g. <see cref="VoiceActivityDetector.SpeechEnded"/>, shifted to call time).</summary>
    public void AddSegment(Leg leg, TimeSpan start, TimeSpan end)
    {
        if (end <= start)
        {
            return;
        }

        var index = Index(leg);
        _segments[index].Add(new Span(start, end));
        _open[index] = false;
    }

    public void HoldStarted(TimeSpan at) => _holdStart ??= at;

    public void HoldEnded(TimeSpan at)
    {
        if (_holdStart is { } start && at > start)
        {
            _holds.Add(new Span(start, at));
        }

        _holdStart = null;
    }

    /// <summary>The figures of the call from its start up to <paramref name="callDuration"/>.</summary>
    public TalkSummary Summarize(TimeSpan callDuration)
    {
        var agent = Clip(Merge(_segments[0]), callDuration);
        var customer = Clip(Merge(_segments[1]), callDuration);
        var holdList = new List<Span>(_holds);
        if (_holdStart is { } open && open < callDuration)
        {
            holdList.Add(new Span(open, callDuration));
        }

        var holds = Clip(Merge(holdList), callDuration);
        var overlaps = Intersect(agent, customer);
        var anyone = Merge([.. agent, .. customer]);
        var silences = Subtract(Subtract([new Span(TimeSpan.Zero, callDuration)], anyone), holds);

        var deadAir = new List<TalkMetricsStretch>();
        foreach (var s in silences)
        {
            if (s.Length >= _options.DeadAirThreshold)
            {
                deadAir.Add(new TalkMetricsStretch(null, s.Start, s.Length));
            }
        }

        var interruptions = new List<TalkMetricsInterruption>();
        FindInterruptions(Leg.Agent, agent, customer, interruptions);
        FindInterruptions(Leg.Customer, customer, agent, interruptions);
        interruptions.Sort((a, b) => a.At.CompareTo(b.At));
        var byAgent = 0;
        foreach (var interruption in interruptions)
        {
            byAgent += interruption.By == Leg.Agent ? 1 : 0;
        }

        var agentTalk = Total(agent);
        var customerTalk = Total(customer);
        var bothTalk = agentTalk + customerTalk;
        var longest = LongestMonologue(Leg.Agent, agent, customer);
        var customerLongest = LongestMonologue(Leg.Customer, customer, agent);
        if (customerLongest is not null && (longest is null || customerLongest.Duration > longest.Duration))
        {
            longest = customerLongest;
        }

        return new TalkSummary(
            callDuration,
            agentTalk,
            customerTalk,
            Total(overlaps),
            overlaps.Count,
            Total(silences),
            Total(holds),
            deadAir,
            interruptions,
            byAgent,
            interruptions.Count - byAgent,
            bothTalk > TimeSpan.Zero ? agentTalk / bothTalk : null,
            longest);
    }

    private void FindInterruptions(Leg by, List<Span> starter, List<Span> other, List<TalkMetricsInterruption> found)
    {
        var j = 0;
        foreach (var s in starter)
        {
            while (j < other.Count && other[j].End <= s.Start)
            {
                j++;
            }

            // The other party must already be speaking when this one starts (started strictly before).
            if (j < other.Count && other[j].Start < s.Start)
            {
                var overlap = Min(s.End, other[j].End) - s.Start;
                if (overlap >= _options.InterruptionMinOverlap)
                {
                    found.Add(new TalkMetricsInterruption(by, s.Start, overlap));
                }
            }
        }
    }

    /// <summary>
    /// A monologue is a chain of one party's segments with pauses up to MonologueMaxPause, cut
    /// where the other party starts a segment longer than BackchannelMax.
    /// </summary>
    private TalkMetricsStretch? LongestMonologue(Leg leg, List<Span> own, List<Span> other)
    {
        TalkMetricsStretch? best = null;
        var k = 0;
        var i = 0;
        while (i < own.Count)
        {
            var start = own[i].Start;
            var end = own[i].End;
            while (k < other.Count && (other[k].Start <= start || other[k].Length <= _options.BackchannelMax))
            {
                k++;
            }

            TimeSpan? cut = k < other.Count ? other[k].Start : null;
            var j = i + 1;
            while (j < own.Count && own[j].Start - end <= _options.MonologueMaxPause && (cut is null || own[j].Start < cut))
            {
                end = Max(end, own[j].End);
                j++;
            }

            if (cut is { } c && end > c)
            {
                end = c;
            }

            if (best is null || end - start > best.Duration)
            {
                best = new TalkMetricsStretch(leg, start, end - start);
            }

            i = j;
        }

        return best;
    }

    private static int Index(Leg leg) => leg == Leg.Agent ? 0 : 1;

    private static List<Span> Merge(List<Span> spans)
    {
        var sorted = new List<Span>(spans);
        sorted.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<Span>(sorted.Count);
        foreach (var s in sorted)
        {
            if (merged.Count > 0 && s.Start <= merged[^1].End)
            {
                merged[^1] = merged[^1] with { End = Max(merged[^1].End, s.End) };
            }
            else
            {
                merged.Add(s);
            }
        }

        return merged;
    }

    private static List<Span> Clip(List<Span> spans, TimeSpan until)
    {
        var clipped = new List<Span>(spans.Count);
        foreach (var s in spans)
        {
            var start = Max(s.Start, TimeSpan.Zero);
            var end = Min(s.End, until);
            if (end > start)
            {
                clipped.Add(new Span(start, end));
            }
        }

        return clipped;
    }

    private static List<Span> Intersect(List<Span> a, List<Span> b)
    {
        var result = new List<Span>();
        int i = 0, j = 0;
        while (i < a.Count && j < b.Count)
        {
            var start = Max(a[i].Start, b[j].Start);
            var end = Min(a[i].End, b[j].End);
            if (end > start)
            {
                result.Add(new Span(start, end));
            }

            if (a[i].End < b[j].End)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return result;
    }

    private static List<Span> Subtract(List<Span> from, List<Span> remove)
    {
        var result = new List<Span>();
        foreach (var f in from)
        {
            var cursor = f.Start;
            foreach (var r in remove)
            {
                if (r.End <= cursor || r.Start >= f.End)
                {
                    continue;
                }

                if (r.Start > cursor)
                {
                    result.Add(new Span(cursor, r.Start));
                }

                cursor = Max(cursor, r.End);
            }

            if (cursor < f.End)
            {
                result.Add(new Span(cursor, f.End));
            }
        }

        return result;
    }

    private static TimeSpan Total(List<Span> spans)
    {
        var total = TimeSpan.Zero;
        foreach (var s in spans)
        {
            total += s.Length;
        }

        return total;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private readonly record struct Span(TimeSpan Start, TimeSpan End)
    {
        public TimeSpan Length => End - Start;
    }
}
