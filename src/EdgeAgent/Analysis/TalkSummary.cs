namespace EdgeCc.Agent.Analysis;

/// <summary>
/// Who talked how much in one call, from both legs' voice activity. Durations are sums over the
/// call; <see cref="Silence"/> is time when neither party spoke and the call was not on hold.
/// <see cref="AgentTalkRatio"/> is agent talk / (agent + customer talk), null when nobody spoke.
/// </summary>
public sealed record TalkSummary(
    TimeSpan CallDuration,
    TimeSpan AgentTalk,
    TimeSpan CustomerTalk,
    TimeSpan TalkOver,
    int TalkOverCount,
    TimeSpan Silence,
    TimeSpan Hold,
    IReadOnlyList<TalkMetricsStretch> DeadAir,
    IReadOnlyList<TalkMetricsInterruption> Interruptions,
    int AgentInterruptions,
    int CustomerInterruptions,
    double? AgentTalkRatio,
    TalkMetricsStretch? LongestMonologue)
{
    public TimeSpan DeadAirTotal
    {
        get
        {
            var total = TimeSpan.Zero;
            foreach (var stretch in DeadAir)
            {
                total += stretch.Duration;
            }

            return total;
        }
    }
}
