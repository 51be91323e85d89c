using EdgeCc.Agent.Capture;

namespace EdgeCc.Agent.Tests.Capture;

/// <summary>
/// A real ALSA PCM with one hardware fault injected at the read boundary: what snd_pcm_readi
/// returns when a USB sound card overruns (-EPIPE) or is unplugged (-ENODEV). A file-backed PCM
/// has no clock and no USB bus, so it cannot produce either; recovery still goes through the
/// real snd_pcm_recover.
/// </summary>
internal sealed class AlsaFaultPcm(AlsaPcmStream real, int failAtRead, int error, bool once = true) : AlsaPcmStream
{
    private int _reads;

    public int Recoveries { get; private set; }

    public int LastRecoverResult { get; private set; }

    public override string Name => real.Name;

    public override int Rate => real.Rate;

    public override int Channels => real.Channels;

    public override int PeriodFrames => real.PeriodFrames;

    public override int Read(Span<short> interleaved)
    {
        _reads++;
        if (_reads == failAtRead || (!once && _reads > failAtRead))
        {
            return error;
        }

        return real.Read(interleaved);
    }

    public override int Recover(int error)
    {
        Recoveries++;
        LastRecoverResult = real.Recover(error);
        return LastRecoverResult;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            real.Dispose();
        }
    }
}
