using EdgeCc.Agent.Audio;

namespace EdgeCc.Agent.Analysis;

/// <summary>A stretch of a call (offsets from its start): a monologue of <see cref="Leg"/>, or dead air when <see cref="Leg"/> is null.</summary>
public sealed record TalkMetricsStretch(Leg? Leg, TimeSpan Start, TimeSpan Duration)
{
    public TimeSpan End => Start + Duration;
}
