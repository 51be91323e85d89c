using EdgeCc.Agent.Capture;

namespace EdgeCc.Agent.Telephony;

/// <summary>One <c>m=</c> section with the attributes that matter for hearing it.</summary>
internal sealed class SdpMedia
{
    public required string Kind { get; init; }

    public int Port { get; init; }

    public required string Protocol { get; init; }

    public List<int> PayloadTypes { get; } = [];

    public Dictionary<int, RtpMap> RtpMaps { get; } = [];

    public NetAddress? Connection { get; set; }

    public MediaDirection? Direction { get; set; }

    public int? PacketTimeMilliseconds { get; set; }

    public bool IsAudio => string.Equals(Kind, "audio", StringComparison.OrdinalIgnoreCase);

    /// <summary>The rtpmap for a payload type, with the static assignments of RFC 3551 table 4 as fallback.</summary>
    public RtpMap? Map(int payloadType) =>
        RtpMaps.TryGetValue(payloadType, out var map) ? map : RtpCodecs.Static(payloadType);
}
