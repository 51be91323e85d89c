using EdgeCc.Agent.Audio;

namespace EdgeCc.Agent.Analysis;

/// <summary>A phrase heard on a leg; <see cref="Start"/> and <see cref="End"/> are offsets from the call's start.</summary>
public sealed record Detection(
    string CallId,
    Leg Leg,
    string Phrase,
    string Category,
    double Weight,
    TimeSpan Start,
    TimeSpan End,
    double Confidence);
