using EdgeCc.Agent.Audio;
using EdgeCc.Agent.Telephony;

namespace EdgeCc.Agent.Analysis;

/// <summary>Everything analysis keeps about one call until it ends and becomes a <see cref="CallSummary"/>.</summary>
internal sealed class CallAnalysis
{
    private readonly LegAnalysis[] _legs;
    private readonly SignalCallAnalyzer _signals;
    private readonly List<Detection> _detections = [];
    private static readonly TimeSpan SignalsInterval = TimeSpan.FromSeconds(1);
    private TimeSpan _position;
    private TimeSpan _lastSpeech;
    private TimeSpan _lastSignals;

    public CallAnalysis(string callId, CallStarted? started, DateTimeOffset firstSeen, SpotterPool pool, AnalysisOptions options)
    {
        CallId = callId;
        Started = started;
        StartedAt = started?.At ?? firstSeen;
        _legs =
        [
            new LegAnalysis(callId, Leg.Agent, pool, options.SpotSpeechOnly, options.HighPassHz),
            new LegAnalysis(callId, Leg.Customer, pool, options.SpotSpeechOnly, options.HighPassHz),
        ];
        _signals = new SignalCallAnalyzer(options.VoiceActivity, options.Prosody, options.Talk, options.Sentiment);
    }

    public string CallId { get; }

    public CallStarted? Started { get; }

    public DateTimeOffset StartedAt { get; }

    public int Holds { get; private set; }

    public int Transfers { get; private set; }

    /// <summary>Audio decoded by the spotters so far, against audio received: the saving of voice activity gating.</summary>
    public (TimeSpan Received, TimeSpan Spotted) Workload
        => (_legs[0].AudioDuration + _legs[1].AudioDuration, _legs[0].SpottedDuration + _legs[1].SpottedDuration);

    /// <summary>Analyses a frame; new detections are appended to <paramref name="found"/> as well as kept for the summary.</summary>
    public void Process(AudioFrame frame, List<Detection> found)
    {
        var before = found.Count;
        _legs[(int)frame.Leg].Process(frame, _signals, found);
        Keep(found, before);
        var end = frame.Timestamp + frame.Duration;
        if (end > _position)
        {
            _position = end;
        }

        if (_signals.IsSpeech(frame.Leg))
        {
            _lastSpeech = end;
        }
    }

    /// <summary>The call's live signals, at most once per second of call audio; null in between.</summary>
    public CallSignals? TakeSignals()
    {
        if (_position - _lastSignals < SignalsInterval)
        {
            return null;
        }

        _lastSignals = _position;
        return new CallSignals(CallId, _position, _signals.Arousal(Leg.Customer), _position - _lastSpeech);
    }

    public void Record(CallEvent callEvent)
    {
        switch (callEvent)
        {
            case CallHeld held:
                Holds++;
                _signals.OnHeld(held.Offset);
                break;
            case CallResumed resumed:
                _signals.OnResumed(resumed.Offset);
                break;
            case CallTransferred:
                Transfers++;
                break;
        }
    }

    /// <summary>The live sentiment of the call (−1..+1) at a moment of it, for the floor.</summary>
    public double LiveSentiment(TimeSpan at) => _signals.LiveSentiment(null, at);

    /// <summary>Flushes both legs (their last detections go to <paramref name="found"/>) and builds the summary.</summary>
    public CallSummary End(DateTimeOffset endedAt, TimeSpan duration, string reason, IReadOnlyList<StreamReport> streams, List<Detection> found)
    {
        var before = found.Count;
        foreach (var leg in _legs)
        {
            leg.Finish(found);
        }

        Keep(found, before);
        var signals = _signals.Finish(duration);
        _detections.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var sentiment = signals.Sentiment;
        var agent = _legs[0];
        var customer = _legs[1];
        return new CallSummary
        {
            CallId = CallId,
            AgentId = Started?.AgentId,
            Source = Started?.Source ?? "unsignalled",
            StartedAt = StartedAt,
            EndedAt = endedAt,
            Duration = duration,
            EndReason = reason,
            Legs =
            [
                new LegSummary(Leg.Agent, agent.AudioDuration, agent.SpeechDuration, agent.DetectionCount, sentiment.Agent.Final, signals.AgentPeakArousal)
                {
                    SpeechToNoiseDb = _signals.SpeechToNoiseDb(Leg.Agent),
                },
                new LegSummary(Leg.Customer, customer.AudioDuration, customer.SpeechDuration, customer.DetectionCount, sentiment.Customer.Final, signals.CustomerPeakArousal)
                {
                    SpeechToNoiseDb = _signals.SpeechToNoiseDb(Leg.Customer),
                },
            ],
            Detections = [.. _detections],
            Holds = Holds,
            Transfers = Transfers,
            Sentiment = sentiment.Call.Final,
            SentimentReasons = sentiment.Call.Reasons,
            SentimentTimeline = sentiment.Call.Points,
            Topics = Topics(_detections),
            Streams = [.. streams.Select(StreamQuality.From)],
            Talk = signals.Talk,
        };
    }

    private static List<CallTopic> Topics(List<Detection> detections)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var detection in detections)
        {
            counts[detection.Category] = counts.GetValueOrDefault(detection.Category) + 1;
        }

        return [.. counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => new CallTopic(c.Key, c.Value))];
    }

    private void Keep(List<Detection> found, int from)
    {
        for (var i = from; i < found.Count; i++)
        {
            _detections.Add(found[i]);
            _signals.OnDetection(found[i]);
        }
    }
}
