namespace EdgeCc.Agent.Audio;

/// <summary>How samples are stored in a WAV data chunk. Everything else is refused when reading.</summary>
public enum WavEncoding
{
    /// <summary>16-bit signed little-endian PCM (format tag 0x0001).</summary>
    Pcm16,

    /// <summary>G.711 μ-law, 8 bits per sample (format tag 0x0007).</summary>
    MuLaw,

    /// <summary>G.711 A-law, 8 bits per sample (format tag 0x0006).</summary>
    ALaw,
}
