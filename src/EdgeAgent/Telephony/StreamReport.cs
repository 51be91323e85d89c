using EdgeCc.Agent.Audio;

namespace EdgeCc.Agent.Telephony;

/// <summary>
/// Quality of one RTP stream (one SSRC from one address to another): packets and loss as
/// RFC 3550 counts them, mean/max interarrival jitter in ms, and an E-model MOS estimate.
/// </summary>
public sealed record StreamReport(
    string CallId,
    Leg Leg,
    uint Ssrc,
    int PayloadType,
    string Codec,
    long Packets,
    long Lost,
    double JitterMilliseconds,
    double MaxJitterMilliseconds,
    double RFactor,
    double Mos,
    string Source,
    string Destination,
    bool Unsignalled,
    bool Decodable,
    int TelephoneEvents,
    long ConcealedFrames)
{
    public double LossPercent => Packets + Lost <= 0 ? 0 : 100.0 * Lost / (Packets + Lost);
}
