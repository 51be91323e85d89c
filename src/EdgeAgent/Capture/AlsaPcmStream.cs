namespace EdgeCc.Agent.Capture;

/// <summary>
/// A running capture stream as <see cref="AlsaCapture"/> sees it: interleaved S16 frames and
/// alsa-lib's error codes. <see cref="AlsaPcm"/> is the real one; the seam exists so faults that
/// only real sound hardware produces (an overrun) can be injected over a real PCM in tests.
/// </summary>
internal abstract class AlsaPcmStream : IDisposable
{
    public abstract string Name { get; }

    public abstract int Rate { get; }

    public abstract int Channels { get; }

    public abstract int PeriodFrames { get; }

    /// <summary>Reads up to <c>interleaved.Length / Channels</c> frames; returns frames read or a negative errno.</summary>
    public abstract int Read(Span<short> interleaved);

    /// <summary>snd_pcm_recover: 0 when the stream was restarted after <paramref name="error"/>, else the error back.</summary>
    public abstract int Recover(int error);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}
