namespace EdgeCc.Agent.Telephony;

/// <summary>What <see cref="TelephonyBenchmark.Run"/> measured: frame decoding, SIP/RTP handling, jitter buffers and G.711 decoding on one thread.</summary>
internal sealed record TelephonyBenchmarkResult(long Packets, TimeSpan Elapsed, long Calls, long RtpPackets, long AudioFrames, long AllocatedBytes)
{
    public double PacketsPerSecond => Elapsed <= TimeSpan.Zero ? 0 : Packets / Elapsed.TotalSeconds;
}
