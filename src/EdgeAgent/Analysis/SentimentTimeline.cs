using EdgeCc.Agent.Audio;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// Sentiment of one leg (or of the whole call when <see cref="Leg"/> is null): the live score after
/// each reason, and the final figure on -1 (very negative) .. 0 (neutral) .. +1 (very positive)
/// with every reason that went into it, in time order.
/// </summary>
public sealed record SentimentTimeline(
    Leg? Leg,
    double Final,
    IReadOnlyList<SentimentPoint> Points,
    IReadOnlyList<SentimentReason> Reasons);
