using System.Globalization;
using EdgeCc.Agent.Audio;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// Sentiment of one call, per leg and for the call, from spotted phrases (valence), the
/// speakers' arousal and conversation signals (interruptions, dead air, holds).
/// </summary>
/// <remarks>
/// Scale (docs/sentiment.md): every reason adds a contribution c (negative = worse); the final
/// figure is tanh(sum of c) and the live figure at time t is tanh(sum of c x 2^(-(t - t_c) / H))
/// over reasons up to t, H = <see cref="SentimentOptions.LiveHalfLife"/>. Both lie on -1 (very
/// negative) .. 0 (neutral, nothing happened) .. +1 (very positive); tanh keeps one strong phrase
/// readable (anger alone: -0.6) while many reasons saturate instead of running away. Pure logic,
/// no clock of its own: times are offsets from the call's start. Not thread-safe: one per call.
/// </remarks>
public sealed class SentimentScorer
{
    private readonly SentimentOptions _options;
    private readonly List<SentimentReason> _reasons = [];
    private readonly double[] _arousal = new double[2];
    private readonly bool[] _agitated = new bool[2];

    public SentimentScorer(SentimentOptions? options = null)
    {
        _options = options ?? new SentimentOptions();
    }

    public IReadOnlyList<SentimentReason> Reasons => _reasons;

    /// <summary>Takes a spotted phrase; its valence is the lexicon weight of its category plus its own weight.</summary>
    public SentimentReason AddDetection(Detection detection)
    {
        ArgumentNullException.ThrowIfNull(detection);
        var categoryWeight = _options.CategoryWeights.TryGetValue(detection.Category, out var w) ? w : 0;
        var valence = Math.Clamp(categoryWeight + detection.Weight, -1, 1);
        var arousal = _arousal[Index(detection.Leg)];
        var explanation = string.Create(
            CultureInfo.InvariantCulture,
            $"'{detection.Phrase}' ({detection.Category} {categoryWeight:+0.00;-0.00;0}, phrase {detection.Weight:+0.00;-0.00;0})");
        if (valence < 0 && arousal > 0 && _options.ArousalAmplification > 0)
        {
            var factor = 1 + (arousal * _options.ArousalAmplification);
            valence *= factor;
            explanation += string.Create(CultureInfo.InvariantCulture, $", said agitated (arousal {arousal:0.00}, x{factor:0.00})");
        }

        return Add(new SentimentReason(detection.Start, detection.Leg, SentimentReasonKind.Phrase, detection.Phrase, detection.Category, valence, explanation));
    }

    /// <summary>
    /// Takes a leg's current arousal (0..1, <see cref="ProsodyTracker.Arousal"/>); call it as often
    /// as convenient. Returns the reason when an agitation episode starts, else null (no allocation).
    /// </summary>
    public SentimentReason? AddArousal(Leg leg, TimeSpan at, double arousal)
    {
        var i = Index(leg);
        _arousal[i] = Math.Clamp(arousal, 0, 1);
        if (_agitated[i])
        {
            if (arousal < _options.ArousalThreshold - _options.ArousalHysteresis)
            {
                _agitated[i] = false;
            }

            return null;
        }

        if (arousal < _options.ArousalThreshold)
        {
            return null;
        }

        _agitated[i] = true;
        var explanation = string.Create(CultureInfo.InvariantCulture, $"{leg} voice agitated: arousal {arousal:0.00} >= {_options.ArousalThreshold:0.00}");
        return Add(new SentimentReason(at, leg, SentimentReasonKind.Arousal, "arousal", null, _options.ArousalWeight, explanation));
    }

    public SentimentReason AddInterruption(TalkMetricsInterruption interruption)
    {
        ArgumentNullException.ThrowIfNull(interruption);
        var other = interruption.By == Leg.Agent ? Leg.Customer : Leg.Agent;
        var explanation = string.Create(
            CultureInfo.InvariantCulture,
            $"{interruption.By} cut in on the {other.ToString().ToLowerInvariant()} ({interruption.Overlap.TotalSeconds:0.0} s both speaking)");
        return Add(new SentimentReason(interruption.At, interruption.By, SentimentReasonKind.Interruption, "interruption", null, _options.InterruptionWeight, explanation));
    }

    public SentimentReason AddDeadAir(TalkMetricsStretch silence)
    {
        ArgumentNullException.ThrowIfNull(silence);
        var explanation = string.Create(CultureInfo.InvariantCulture, $"dead air: {silence.Duration.TotalSeconds:0} s with nobody speaking");
        return Add(new SentimentReason(silence.Start, null, SentimentReasonKind.DeadAir, "dead-air", null, _options.DeadAirWeight, explanation));
    }

    public SentimentReason AddHold(TimeSpan start, TimeSpan duration)
    {
        var isLong = duration >= _options.LongHold;
        var contribution = _options.HoldWeight + (isLong ? _options.LongHoldWeight : 0);
        var explanation = string.Create(
            CultureInfo.InvariantCulture,
            $"customer on hold {duration.TotalSeconds:0} s{(isLong ? $" (>= {_options.LongHold.TotalSeconds:0} s)" : "")}");
        return Add(new SentimentReason(start, null, SentimentReasonKind.Hold, "hold", null, contribution, explanation));
    }

    /// <summary>
    /// Takes the conversation signals of a finished call's <see cref="TalkSummary"/>: its
    /// interruptions, its dead air, and one talk-over reason (at the call's end, call-level) when
    /// both spoke at once for at least <see cref="SentimentOptions.TalkOverShare"/> of the time
    /// anyone spoke. Use it instead of, not as well as, feeding interruptions and dead air one by one.
    /// </summary>
    public void AddTalk(TalkSummary talk)
    {
        ArgumentNullException.ThrowIfNull(talk);
        var speaking = talk.AgentTalk + talk.CustomerTalk - talk.TalkOver;
        if (speaking > TimeSpan.Zero && talk.TalkOver / speaking >= _options.TalkOverShare && talk.TalkOver > TimeSpan.Zero)
        {
            var explanation = string.Create(
                CultureInfo.InvariantCulture,
                $"talk-over: both spoke {talk.TalkOver.TotalSeconds:0} s, {talk.TalkOver / speaking:P0} of speaking time ({talk.TalkOverCount} times)");
            Add(new SentimentReason(talk.CallDuration, null, SentimentReasonKind.TalkOver, "talk-over", null, _options.TalkOverWeight, explanation));
        }

        foreach (var interruption in talk.Interruptions)
        {
            AddInterruption(interruption);
        }

        foreach (var silence in talk.DeadAir)
        {
            AddDeadAir(silence);
        }
    }

    /// <summary>The live score at <paramref name="at"/> for a leg, or for the call when <paramref name="leg"/> is null.</summary>
    public double Live(Leg? leg, TimeSpan at)
    {
        double sum = 0;
        foreach (var reason in _reasons)
        {
            if (reason.At <= at && (leg is null || reason.Leg == leg))
            {
                sum += reason.Contribution * Decay(at - reason.At);
            }
        }

        return Math.Tanh(sum);
    }

    /// <summary>The final figures and timelines, per leg and for the call.</summary>
    public SentimentResult Result() => new(Timeline(null), Timeline(Leg.Agent), Timeline(Leg.Customer));

    private SentimentTimeline Timeline(Leg? leg)
    {
        var reasons = new List<SentimentReason>();
        foreach (var reason in _reasons)
        {
            if (leg is null || reason.Leg == leg)
            {
                reasons.Add(reason);
            }
        }

        var points = new List<SentimentPoint>(reasons.Count);
        double total = 0;
        double live = 0;
        var last = TimeSpan.Zero;
        foreach (var reason in reasons)
        {
            // Reasons are kept in time order, so the decayed sum can be carried forward.
            live = (live * Decay(reason.At - last)) + reason.Contribution;
            last = reason.At;
            total += reason.Contribution;
            points.Add(new SentimentPoint(reason.At, Math.Tanh(live), reason));
        }

        return new SentimentTimeline(leg, Math.Tanh(total), points, reasons);
    }

    private SentimentReason Add(SentimentReason reason)
    {
        // Spotters report a little late and legs interleave: insert in time order (stable).
        var i = _reasons.Count;
        while (i > 0 && _reasons[i - 1].At > reason.At)
        {
            i--;
        }

        _reasons.Insert(i, reason);
        return reason;
    }

    private double Decay(TimeSpan age) =>
        _options.LiveHalfLife <= TimeSpan.Zero ? 1 : Math.Pow(2, -age.TotalSeconds / _options.LiveHalfLife.TotalSeconds);

    private static int Index(Leg leg) => leg == Leg.Agent ? 0 : 1;
}
