using EdgeCc.Agent.Audio;
using EdgeCc.Agent.Capture;

namespace EdgeCc.Agent.Telephony;

/// <summary>What the tracker knows about one call: its dialog state, media addresses and streams.</summary>
internal sealed class TrackedCall(string callId, long startTicks, string? agentId, bool agentIsCaller, bool unsignalled)
{
    public string CallId { get; } = callId;

    public long StartTicks { get; } = startTicks;

    public string? AgentId { get; } = agentId;

    /// <summary>True when the party that sent the INVITE (or the first RTP) is the agent.</summary>
    public bool AgentIsCaller { get; } = agentIsCaller;

    /// <summary>Heard from RTP alone: no SIP/SDP was seen for it.</summary>
    public bool Unsignalled { get; } = unsignalled;

    public CallPhase Phase { get; set; }

    public bool Held { get; set; }

    public int TransferCount { get; set; }

    public string? CallerTag { get; set; }

    /// <summary>The customer's number (user part of the other party's URI); never logged.</summary>
    public string? CustomerNumber { get; init; }

    /// <summary>The user part of the INVITE's request-URI (a queue's number, or the customer's on outbound calls); never logged.</summary>
    public string? Dialled { get; init; }

    public long PendingReferCSeq { get; set; } = -1;

    public string? PendingReferTarget { get; set; }

    public long LastTransferTicks { get; set; } = -1;

    public long LastActivityTicks { get; set; } = startTicks;

    public List<NetEndpoint> CallerMedia { get; } = [];

    public List<NetEndpoint> CalleeMedia { get; } = [];

    public Dictionary<int, RtpMap> PayloadMaps { get; } = [];

    public List<RtpStream> Streams { get; } = [];

    public int PacketTimeMilliseconds { get; set; } = 20;

    public Leg LegOf(bool callerSends) => callerSends == AgentIsCaller ? Leg.Agent : Leg.Customer;

    public TimeSpan OffsetAt(long ticks) => TimeSpan.FromTicks(Math.Max(0, ticks - StartTicks));

    public RtpMap? Map(int payloadType) => PayloadMaps.TryGetValue(payloadType, out var map) ? map : RtpCodecs.Static(payloadType);
}
