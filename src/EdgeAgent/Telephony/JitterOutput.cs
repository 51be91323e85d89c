namespace EdgeCc.Agent.Telephony;

/// <summary>What the jitter buffer releases: a packet in sequence order, or a run of lost ones.</summary>
internal readonly ref struct JitterOutput(long sequence, long timestamp, byte payloadType, int lostCount, ReadOnlySpan<byte> payload)
{
    public long Sequence { get; } = sequence;

    public long Timestamp { get; } = timestamp;

    public byte PayloadType { get; } = payloadType;

    /// <summary>0 for a packet; otherwise how many packets before <see cref="Sequence"/> never arrived.</summary>
    public int LostCount { get; } = lostCount;

    public ReadOnlySpan<byte> Payload { get; } = payload;
}
