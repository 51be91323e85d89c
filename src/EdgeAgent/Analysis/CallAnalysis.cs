using EdgeCc.Agent.Audio;
using EdgeCc.Agent.Telephony;

namespace EdgeCc.Agent.Analysis;

/// <summary>Everything analysis keeps about one call until it ends and becomes a <see cref="CallSummary"/>.</summary>
internal sealed class CallAnalysis
{
    private readonly LegAnalysis[] _legs;
    private readonly List<Detection> _detections = [];

    public CallAnalysis(string callId, CallStarted? started, DateTimeOffset firstSeen, SpotterPool pool)
    {
        CallId = callId;
        Started = started;
        StartedAt = started?.At ?? firstSeen;
        _legs = [new LegAnalysis(callId, Leg.Agent, pool), new LegAnalysis(callId, Leg.Customer, pool)];
    }

    public string CallId { get; }

    public CallStarted? Started { get; }

    public DateTimeOffset StartedAt { get; }

    public int Holds { get; private set; }

    public int Transfers { get; private set; }

    /// <summary>Analyses a frame; new detections are appended to <paramref name="found"/> as well as kept for the summary.</summary>
    public void Process(AudioFrame frame, List<Detection> found)
    {
        var before = found.Count;
        _legs[(int)frame.Leg].Process(frame, found);
        for (var i = before; i < found.Count; i++)
        {
            _detections.Add(found[i]);
        }
    }

    public void Record(CallEvent callEvent)
    {
        switch (callEvent)
        {
            case CallHeld:
                Holds++;
                break;
            case CallTransferred:
                Transfers++;
                break;
        }
    }

    /// <summary>Flushes both legs (their last detections go to <paramref name="found"/>) and builds the summary.</summary>
    public CallSummary End(DateTimeOffset endedAt, TimeSpan duration, string reason, List<Detection> found)
    {
        var before = found.Count;
        foreach (var leg in _legs)
        {
            leg.Finish(found);
        }

        for (var i = before; i < found.Count; i++)
        {
            _detections.Add(found[i]);
        }

        _detections.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var legs = new LegSummary[_legs.Length];
        var sentiment = 0.0;
        for (var i = 0; i < _legs.Length; i++)
        {
            var leg = _legs[i];
            legs[i] = new LegSummary(leg.Leg, leg.AudioDuration, leg.DetectionCount, leg.Sentiment);
            sentiment += leg.Sentiment;
        }

        return new CallSummary
        {
            CallId = CallId,
            AgentId = Started?.AgentId,
            Source = Started?.Source ?? "unsignalled",
            StartedAt = StartedAt,
            EndedAt = endedAt,
            Duration = duration,
            EndReason = reason,
            Legs = legs,
            Detections = [.. _detections],
            Holds = Holds,
            Transfers = Transfers,
            Sentiment = sentiment,
        };
    }
}
