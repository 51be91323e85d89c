using System.ComponentModel.DataAnnotations;

namespace EdgeCc.Agent.Analysis;

/// <summary>Thresholds of <see cref="TalkMetrics"/> (configuration section <c>Analysis:Talk</c>).</summary>
public sealed class TalkMetricsOptions
{
    public const string Section = "Analysis:Talk";

    /// <summary>A silence (neither party speaks, call not on hold) at least this long is dead air.</summary>
    public TimeSpan DeadAirThreshold { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A party starting while the other speaks is an interruption only when both then speak at
    /// least this long together; shorter overlaps are turn-taking and backchannels ("mhm").
    /// </summary>
    public TimeSpan InterruptionMinOverlap { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Pauses up to this long inside one party's speech do not end their monologue.</summary>
    public TimeSpan MonologueMaxPause { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The other party's segments up to this long ("yes", "mhm") do not end a monologue.</summary>
    public TimeSpan BackchannelMax { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Frames closer than this are one segment (RTP timestamps jitter by a sample or two).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan FrameJoinTolerance { get; set; } = TimeSpan.FromMilliseconds(5);
}
