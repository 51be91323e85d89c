using EdgeCc.Agent.Audio;

namespace EdgeCc.Agent.Capture;

/// <summary>
/// The read loop of one headset: blocking snd_pcm_readi of one period, overrun recovery,
/// de-interleaving of the agent (channel 1) and customer channel, and resampling to 16 kHz.
/// <see cref="Run"/> blocks; call it on a dedicated thread (a USB headset delivers a period every
/// few milliseconds, and the thread pool must never be what decides whether we overrun).
/// </summary>
internal sealed class AlsaCapture
{
    public const int OutputRate = HeadsetCallTracker.SampleRate;

    // Consecutive failed recoveries after which the stream counts as gone rather than hiccuping.
    private const int MaxRecoveriesInARow = 5;

    private readonly AlsaPcmStream _pcm;
    private readonly int _customerIndex;
    private readonly PolyphaseResampler? _agentResampler;
    private readonly PolyphaseResampler? _customerResampler;
    private long _overruns;
    private long _framesRead;

    /// <param name="pcm">An opened stream; this class does not dispose it.</param>
    /// <param name="customerChannel">1-based channel carrying the customer (e.g. 2), or null for a mic-only headset.</param>
    public AlsaCapture(AlsaPcmStream pcm, int? customerChannel)
    {
        ArgumentNullException.ThrowIfNull(pcm);
        if (customerChannel is { } channel && (channel < 2 || channel > pcm.Channels))
        {
            throw new ArgumentOutOfRangeException(nameof(customerChannel), channel, $"'{pcm.Name}' captures {pcm.Channels} channel(s); the customer channel must be 2..{pcm.Channels}.");
        }

        _pcm = pcm;
        _customerIndex = customerChannel is { } c ? c - 1 : -1;
        if (pcm.Rate != OutputRate)
        {
            _agentResampler = new PolyphaseResampler(pcm.Rate, OutputRate);
            _customerResampler = _customerIndex >= 0 ? new PolyphaseResampler(pcm.Rate, OutputRate) : null;
        }
    }

    /// <summary>Overruns (-EPIPE) seen and recovered from with snd_pcm_recover.</summary>
    public long Overruns => Interlocked.Read(ref _overruns);

    public long FramesRead => Interlocked.Read(ref _framesRead);

    /// <summary>
    /// Reads until <paramref name="cancellationToken"/> fires or the device fails for good;
    /// hands every period to <paramref name="onAudio"/> as 16 kHz agent and customer samples
    /// (customer empty when the desk has none). The spans are only valid during the call.
    /// </summary>
    public AlsaCaptureEnd Run(AlsaAudioHandler onAudio, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onAudio);
        var period = _pcm.PeriodFrames;
        var channels = _pcm.Channels;
        var interleaved = new short[period * channels];
        var agentIn = new short[period];
        var customerIn = _customerIndex >= 0 ? new short[period] : [];
        var agentOut = _agentResampler is null ? [] : new short[_agentResampler.MaxOutput(period)];
        var customerOut = _customerResampler is null ? [] : new short[_customerResampler.MaxOutput(period)];
        var recoveries = 0;

        while (!cancellationToken.IsCancellationRequested)
        {
            var frames = _pcm.Read(interleaved);
            if (frames < 0)
            {
                if (frames == -AlsaNative.EAgain)
                {
                    continue;
                }

                if (frames == -AlsaNative.EPipe)
                {
                    Interlocked.Increment(ref _overruns);
                }

                // snd_pcm_recover handles -EPIPE (overrun), -ESTRPIPE (suspend) and -EINTR; anything
                // else (-ENODEV after an unplug, -EIO, -EBADFD) comes back and ends this stream.
                var recovered = _pcm.Recover(frames);
                if (recovered < 0)
                {
                    return Failed(frames == recovered ? frames : recovered, "snd_pcm_readi");
                }

                if (++recoveries > MaxRecoveriesInARow)
                {
                    return Failed(frames, "snd_pcm_readi (keeps failing after snd_pcm_recover)");
                }

                continue;
            }

            if (frames == 0)
            {
                // A blocking read that returns nothing means the source ended (a file-backed PCM
                // at end of file does this); treat it like a device that went away.
                return new AlsaCaptureEnd(false, 0, $"'{_pcm.Name}' returned no data: the stream ended");
            }

            recoveries = 0;
            Interlocked.Add(ref _framesRead, frames);
            Deinterleave(interleaved.AsSpan(0, frames * channels), channels, 0, agentIn);
            if (_customerIndex >= 0)
            {
                Deinterleave(interleaved.AsSpan(0, frames * channels), channels, _customerIndex, customerIn);
            }

            ReadOnlySpan<short> agent = agentIn.AsSpan(0, frames);
            ReadOnlySpan<short> customer = _customerIndex >= 0 ? customerIn.AsSpan(0, frames) : [];
            if (_agentResampler is not null)
            {
                agent = agentOut.AsSpan(0, _agentResampler.Process(agent, agentOut));
                if (_customerResampler is not null)
                {
                    customer = customerOut.AsSpan(0, _customerResampler.Process(customer, customerOut));
                }
            }

            onAudio(agent, customer);
        }

        return AlsaCaptureEnd.Stopped;
    }

    private AlsaCaptureEnd Failed(int error, string call) =>
        new(false, error, $"{call} on '{_pcm.Name}' failed: {AlsaNative.StrError(error)} ({error})");

    private static void Deinterleave(ReadOnlySpan<short> interleaved, int channels, int channel, Span<short> destination)
    {
        if (channels == 1)
        {
            interleaved.CopyTo(destination);
            return;
        }

        var frames = interleaved.Length / channels;
        for (int i = 0, j = channel; i < frames; i++, j += channels)
        {
            destination[i] = interleaved[j];
        }
    }
}
