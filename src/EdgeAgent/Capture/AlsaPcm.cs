namespace EdgeCc.Agent.Capture;

/// <summary>An opened, configured and prepared ALSA capture PCM (S16_LE, interleaved, blocking reads).</summary>
internal sealed class AlsaPcm : AlsaPcmStream
{
    private readonly AlsaPcmHandle _handle;

    private AlsaPcm(AlsaPcmHandle handle, string name, int rate, int channels, int periodFrames, int bufferFrames)
    {
        _handle = handle;
        Name = name;
        Rate = rate;
        Channels = channels;
        PeriodFrames = periodFrames;
        BufferFrames = bufferFrames;
    }

    public override string Name { get; }

    public override int Rate { get; }

    public override int Channels { get; }

    public override int PeriodFrames { get; }

    public int BufferFrames { get; }

    /// <summary>
    /// Opens <paramref name="name"/> for capture and negotiates hw_params: S16_LE, interleaved, the
    /// first of the requested rates the device takes without resampling, and the channel count.
    /// <paramref name="config"/> (from <see cref="AlsaConfigHandle.Load"/>) adds PCM definitions.
    /// </summary>
    public static AlsaPcm OpenCapture(string name, AlsaStreamRequest request, AlsaConfigHandle? config = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(request);
        AlsaPcmHandle handle;
        var result = config is null
            ? AlsaNative.PcmOpen(out handle, name, AlsaNative.StreamCapture, 0)
            : AlsaNative.PcmOpenLconf(out handle, name, AlsaNative.StreamCapture, 0, config);
        if (result < 0)
        {
            handle.Dispose();
            throw new AlsaException("snd_pcm_open", name, result);
        }

        try
        {
            return Configure(handle, name, request);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public override unsafe int Read(Span<short> interleaved)
    {
        var frames = interleaved.Length / Channels;
        fixed (short* buffer = interleaved)
        {
            return (int)AlsaNative.PcmReadi(_handle, buffer, (nuint)frames);
        }
    }

    public override int Recover(int error) => AlsaNative.PcmRecover(_handle, error, 1);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (!_handle.IsClosed)
            {
                // Stop the stream first so the kernel releases the USB isochronous endpoint at once.
                _ = AlsaNative.PcmDrop(_handle);
            }

            _handle.Dispose();
        }
    }

    private static AlsaPcm Configure(AlsaPcmHandle handle, string name, AlsaStreamRequest request)
    {
        AlsaNative.Check(AlsaNative.HwParamsMalloc(out var hw), "snd_pcm_hw_params_malloc", name);
        using (hw)
        {
            AlsaNative.Check(AlsaNative.HwParamsAny(handle, hw), "snd_pcm_hw_params_any", name);
            AlsaNative.Check(AlsaNative.HwParamsSetAccess(handle, hw, AlsaNative.AccessRwInterleaved), "snd_pcm_hw_params_set_access(RW_INTERLEAVED)", name);
            if (AlsaNative.HwParamsTestFormat(handle, hw, AlsaNative.FormatS16Le) < 0)
            {
                throw new AlsaException($"'{name}' does not offer S16_LE capture; use a plughw: device name so alsa-lib converts the format.");
            }

            AlsaNative.Check(AlsaNative.HwParamsSetFormat(handle, hw, AlsaNative.FormatS16Le), "snd_pcm_hw_params_set_format(S16_LE)", name);

            // Only native rates: our polyphase filter resamples better than plug's linear default.
            AlsaNative.Check(AlsaNative.HwParamsSetRateResample(handle, hw, 0), "snd_pcm_hw_params_set_rate_resample(0)", name);
            var rate = ChooseRate(handle, hw, name, request.Rates);
            AlsaNative.Check(AlsaNative.HwParamsSetRate(handle, hw, (uint)rate, 0), $"snd_pcm_hw_params_set_rate({rate})", name);
            var channels = ChooseChannels(handle, hw, name, request);
            AlsaNative.Check(AlsaNative.HwParamsSetChannels(handle, hw, (uint)channels), $"snd_pcm_hw_params_set_channels({channels})", name);

            var period = (nuint)Math.Max(32, (int)(rate * request.Period.TotalSeconds));
            var dir = 0;
            AlsaNative.Check(AlsaNative.HwParamsSetPeriodSizeNear(handle, hw, ref period, ref dir), "snd_pcm_hw_params_set_period_size_near", name);

            // Eight periods (160 ms at 20 ms) ride out a GC pause or a busy core without an overrun.
            var buffer = period * 8;
            AlsaNative.Check(AlsaNative.HwParamsSetBufferSizeNear(handle, hw, ref buffer), "snd_pcm_hw_params_set_buffer_size_near", name);
            AlsaNative.Check(AlsaNative.HwParams(handle, hw), "snd_pcm_hw_params", name);
            AlsaNative.Check(AlsaNative.HwParamsGetPeriodSize(hw, out var actualPeriod, out _), "snd_pcm_hw_params_get_period_size", name);
            AlsaNative.Check(AlsaNative.HwParamsGetBufferSize(hw, out var actualBuffer), "snd_pcm_hw_params_get_buffer_size", name);
            AlsaNative.Check(AlsaNative.PcmPrepare(handle), "snd_pcm_prepare", name);
            return new AlsaPcm(handle, name, rate, channels, (int)actualPeriod, (int)actualBuffer);
        }
    }

    private static int ChooseRate(AlsaPcmHandle handle, AlsaHwParamsHandle hw, string name, IReadOnlyList<int> rates)
    {
        for (var i = 0; i < rates.Count; i++)
        {
            if (AlsaNative.HwParamsTestRate(handle, hw, (uint)rates[i], 0) == 0)
            {
                return rates[i];
            }
        }

        throw new AlsaException($"'{name}' takes none of the capture rates {string.Join('/', rates)} Hz natively.");
    }

    private static int ChooseChannels(AlsaPcmHandle handle, AlsaHwParamsHandle hw, string name, AlsaStreamRequest request)
    {
        if (request.Channels > 0)
        {
            if (AlsaNative.HwParamsTestChannels(handle, hw, (uint)request.Channels) != 0)
            {
                throw new AlsaException($"'{name}' cannot capture {request.Channels} channel(s).");
            }

            return request.Channels;
        }

        for (var channels = Math.Max(1, request.MinChannels); channels <= 8; channels++)
        {
            if (AlsaNative.HwParamsTestChannels(handle, hw, (uint)channels) == 0)
            {
                return channels;
            }
        }

        throw new AlsaException($"'{name}' cannot capture {request.MinChannels} or more channels.");
    }
}
