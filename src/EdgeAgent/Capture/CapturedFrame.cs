namespace EdgeCc.Agent.Capture;

/// <summary>One frame as the source read it; <see cref="Data"/> is valid until the source's next read.</summary>
internal readonly ref struct CapturedFrame(ReadOnlySpan<byte> data, long timestampTicks)
{
    public ReadOnlySpan<byte> Data { get; } = data;

    /// <summary>Capture time, UTC ticks.</summary>
    public long TimestampTicks { get; } = timestampTicks;
}
