using System.Diagnostics.CodeAnalysis;

namespace EdgeCc.Agent.Audio;

/// <summary>
/// A decoded WAV file: one PCM16 array per channel, all the same length. By our convention channel 0
/// is the agent and channel 1 the customer. <see cref="Truncated"/> is set when the data chunk
/// claimed more bytes than the file holds (a recorder stopped before finishing the header), so only
/// the whole sample frames that were there were decoded.
/// </summary>
[SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "Decoded audio is handed over as plain arrays, without copies.")]
public sealed record WavAudio(int SampleRate, WavEncoding Encoding, short[][] Channels, bool Truncated)
{
    /// <summary>Samples per channel.</summary>
    public int FrameCount => Channels.Length == 0 ? 0 : Channels[0].Length;

    public TimeSpan Duration => TimeSpan.FromSeconds((double)FrameCount / SampleRate);
}
