namespace EdgeCc.Agent.Audio;

/// <summary>
/// A block of 16-bit PCM on one leg of one call. <see cref="Timestamp"/> is the offset of the
/// first sample from the start of the call, so gaps (silence suppression, loss) stay visible.
/// </summary>
public sealed record AudioFrame(string CallId, Leg Leg, TimeSpan Timestamp, ReadOnlyMemory<short> Samples, int SampleRate)
{
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / SampleRate);
}
