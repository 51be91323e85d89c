using EdgeCc.Agent.Audio;

namespace EdgeCc.Agent.Analysis;

/// <summary><see cref="By"/> started speaking at <see cref="At"/> while the other party spoke, and both spoke for <see cref="Overlap"/>.</summary>
public sealed record TalkMetricsInterruption(Leg By, TimeSpan At, TimeSpan Overlap);
