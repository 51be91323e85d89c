using System.ComponentModel.DataAnnotations;

namespace EdgeCc.Agent.Telephony;

/// <summary>Configuration section <c>Telephony</c>: agent mapping and the call tracker's timers.</summary>
public sealed class TelephonyOptions
{
    public const string Section = "Telephony";

    public List<AgentMapping> Agents { get; set; } = [];

    /// <summary>The agent's side when no mapping matches a call.</summary>
    public AgentSide UnmappedAgentSide { get; set; } = AgentSide.Callee;

    /// <summary>An answered call with neither RTP nor SIP for this long has ended (packet time).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan MediaTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A held call may be silent this long before it is given up.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan HoldTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>An unanswered call with no progress for this long has ended.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan SetupTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Reordering window of the per-stream jitter buffer.</summary>
    [Range(0, 1000)]
    public int JitterBufferMilliseconds { get; set; } = 60;

    /// <summary>Hear RTP whose SIP was not seen (encrypted signalling, capture started mid-call).</summary>
    public bool LearnUnsignalledStreams { get; set; } = true;

    [Range(1, 1_000_000)]
    public int MaxCalls { get; set; } = 20_000;
}
