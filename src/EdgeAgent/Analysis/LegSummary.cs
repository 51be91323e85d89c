using EdgeCc.Agent.Audio;

namespace EdgeCc.Agent.Analysis;

/// <summary>What one leg of a finished call amounted to.</summary>
public sealed record LegSummary(Leg Leg, TimeSpan AudioDuration, int DetectionCount, double Sentiment);
