namespace EdgeCc.Agent.Analysis;

/// <summary>
/// A topic spiking across the site, with its evidence: <see cref="WindowCount"/> occurrences in the
/// last <see cref="Window"/> against <see cref="BaselineCount"/> in the <see cref="BaselinePeriod"/>
/// before it, i.e. <see cref="BaselinePerWindow"/> per window usually; <see cref="Ratio"/> is
/// WindowCount / BaselinePerWindow (the baseline per window floored at the configured minimum).
/// </summary>
public sealed record TopicTrendAlert(
    string Category,
    DateTimeOffset At,
    int WindowCount,
    TimeSpan Window,
    int BaselineCount,
    TimeSpan BaselinePeriod,
    double BaselinePerWindow,
    double Ratio);
