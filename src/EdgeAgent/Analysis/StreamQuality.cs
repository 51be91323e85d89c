using EdgeCc.Agent.Audio;
using EdgeCc.Agent.Telephony;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// How one RTP stream of a call arrived: a poor MOS next to a bad sentiment tells central the
/// network, not the agent, may be to blame. Loss and jitter are counted as RFC 3550 does.
/// </summary>
public sealed record StreamQuality(Leg Leg, string Codec, long Packets, long Lost, double JitterMilliseconds, double Mos)
{
    public double LossPercent => Packets + Lost <= 0 ? 0 : 100.0 * Lost / (Packets + Lost);

    public static StreamQuality From(StreamReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new StreamQuality(report.Leg, report.Codec, report.Packets, report.Lost, report.JitterMilliseconds, report.Mos);
    }
}
