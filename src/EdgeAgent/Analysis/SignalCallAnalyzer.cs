using EdgeCc.Agent.Audio;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// The signal side of one call: per leg a <see cref="VoiceActivityDetector"/> (whose decision
/// gates the keyword spotter) and a <see cref="ProsodyTracker"/>; for the call
/// <see cref="TalkMetrics"/> and a <see cref="SentimentScorer"/> fed with arousal, spotted
/// phrases and holds. Owned by the analysis worker the call is hashed to (not thread-safe).
/// </summary>
/// <remarks>
/// Interruptions and dead air reach the sentiment when the call is finished (from the
/// <see cref="TalkSummary"/>); phrases, arousal and holds reach the live light as they happen.
/// Per frame nothing is allocated except when an agitation episode starts.
/// </remarks>
public sealed class SignalCallAnalyzer
{
    private readonly VoiceActivityDetector[] _vad;
    private readonly ProsodyTracker[] _prosody;
    private readonly double[] _peakArousal = new double[2];
    private readonly TalkMetrics _talk;
    private readonly SentimentScorer _sentiment;
    private TimeSpan? _holdStart;
    private long _rejected;
    private bool _finished;

    public SignalCallAnalyzer(
        VoiceActivityOptions? voiceActivity = null,
        ProsodyOptions? prosody = null,
        TalkMetricsOptions? talk = null,
        SentimentOptions? sentiment = null)
    {
        _vad = [new VoiceActivityDetector(voiceActivity), new VoiceActivityDetector(voiceActivity)];
        _prosody = [new ProsodyTracker(prosody), new ProsodyTracker(prosody)];
        _talk = new TalkMetrics(talk);
        _sentiment = new SentimentScorer(sentiment);
    }

    public SentimentScorer Sentiment => _sentiment;

    /// <summary>
    /// Analyses one frame (16 kHz mono); returns whether it holds speech, i.e. whether the
    /// keyword spotter should see it. Frames at another rate are counted and return false.
    /// </summary>
    public bool Process(AudioFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return Process(frame, frame.Samples.Span);
    }

    /// <summary>
    /// <see cref="Process(AudioFrame)"/> with voice activity (and so the speech-to-noise ratio) judged on
    /// <paramref name="heard"/>, the frame as the keyword spotter hears it (<see cref="SpeechHighPass"/>). Pitch
    /// still comes from the frame as it came: a 250 Hz high-pass cost the pitch tracker 10-30 % of the voiced 10 ms
    /// steps of men's voices (fundamental near 100 Hz; LibriVox, CMU ARCTIC and three flite voices).
    /// </summary>
    public bool Process(AudioFrame frame, ReadOnlySpan<short> heard)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.SampleRate != VoiceActivityDetector.SampleRate)
        {
            _rejected++;
            return false;
        }

        var leg = frame.Leg == Leg.Agent ? 0 : 1;
        var speech = _vad[leg].Process(heard);
        var prosody = _prosody[leg];
        prosody.Process(frame.Samples.Span, speech);
        _talk.Observe(frame.Leg, frame.Timestamp, frame.Duration, speech);
        if (speech && prosody.HasBaseline)
        {
            var arousal = prosody.Arousal;
            _peakArousal[leg] = Math.Max(_peakArousal[leg], arousal);
            _sentiment.AddArousal(frame.Leg, frame.Timestamp, arousal);
        }

        return speech;
    }

    /// <summary>Whether a leg is inside a speech segment now (e.g. to keep a spotter's utterance open).</summary>
    public bool IsSpeech(Leg leg) => _vad[leg == Leg.Agent ? 0 : 1].IsSpeech;

    /// <summary>A leg's speech level over its noise floor so far (<see cref="VoiceActivityDetector.SpeechToNoiseDb"/>).</summary>
    public double? SpeechToNoiseDb(Leg leg) => _vad[leg == Leg.Agent ? 0 : 1].SpeechToNoiseDb;

    public double Arousal(Leg leg) => _prosody[leg == Leg.Agent ? 0 : 1].Arousal;

    public SentimentReason OnDetection(Detection detection) => _sentiment.AddDetection(detection);

    public void OnHeld(TimeSpan at)
    {
        _holdStart ??= at;
        _talk.HoldStarted(at);
    }

    public void OnResumed(TimeSpan at)
    {
        if (_holdStart is { } start && at > start)
        {
            _sentiment.AddHold(start, at - start);
        }

        _holdStart = null;
        _talk.HoldEnded(at);
    }

    /// <summary>The live sentiment light of a leg, or of the call when <paramref name="leg"/> is null.</summary>
    public double LiveSentiment(Leg? leg, TimeSpan at) => _sentiment.Live(leg, at);

    /// <summary>Closes the call at <paramref name="duration"/> from its start (an open hold ends there); once per call.</summary>
    public SignalCallResult Finish(TimeSpan duration)
    {
        if (_finished)
        {
            throw new InvalidOperationException("The call was already finished.");
        }

        _finished = true;
        if (_holdStart is not null)
        {
            OnResumed(duration);
        }

        var talk = _talk.Summarize(duration);
        _sentiment.AddTalk(talk);
        return new SignalCallResult(
            talk,
            _sentiment.Result(),
            _prosody[0].Snapshot(),
            _prosody[1].Snapshot(),
            _peakArousal[0],
            _peakArousal[1],
            _rejected);
    }
}
