using EdgeCc.Agent.Audio;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// One thing that moved sentiment, kept with every figure so a supervisor sees why a light went
/// red. <see cref="At"/> is the offset from the call's start; <see cref="Leg"/> is null for
/// call-level signals (dead air, hold); <see cref="Source"/> is the phrase text or the signal's
/// name; <see cref="Contribution"/> is what it added to the raw sum (negative = worse).
/// </summary>
public sealed record SentimentReason(
    TimeSpan At,
    Leg? Leg,
    SentimentReasonKind Kind,
    string Source,
    string? Category,
    double Contribution,
    string Explanation);
