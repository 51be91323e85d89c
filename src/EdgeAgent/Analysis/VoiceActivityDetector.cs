namespace EdgeCc.Agent.Analysis;

/// <summary>
/// Voice activity detector for one leg: 16 kHz mono PCM16 in frames of any size, decided per
/// 10 ms block. A block is speech-like when its level is well above an adaptive noise floor
/// AND its 250-3500 Hz spectrum is not flat (harmonics and formants); line noise, hiss and
/// comfort noise are flat, so they are absorbed into the floor instead of opening a segment.
/// A segment opens after <see cref="VoiceActivityOptions.OnsetBlocks"/> speech-like blocks
/// and closes after <see cref="VoiceActivityOptions.HangoverMilliseconds"/> without one.
/// </summary>
/// <remarks>
/// The noise floor (dBFS) falls fast (time constant 40 ms) to any quieter block and rises
/// slowly: 330 ms while no segment is open, 5 s inside one, so long speech does not raise it
/// to its own level while a new noise appearing after digital silence is absorbed in about
/// a second. Nothing is allocated per frame. Not thread-safe: one instance per leg.
/// <para>
/// The speech level is the mean power of the blocks inside segments, over the last
/// <see cref="SpeechLevelBlocks"/> of them, so <see cref="SpeechToNoiseDb"/> follows a caller who moves to a
/// noisier place within about ten seconds of speech.
/// </para>
/// </remarks>
public sealed class VoiceActivityDetector
{
    public const int SampleRate = 16_000;

    /// <summary>Samples per decision block (10 ms).</summary>
    public const int BlockSize = 160;

    private const int FftSize = 256;
    private const int LowBin = 4;    // 250 Hz: below it sit mains hum and the telephone high-pass.
    private const int HighBin = 56;  // 3500 Hz: the top of narrow-band telephone speech.
    private const double FloorFallRate = 0.25;
    private const double FloorRiseIdle = 0.03;
    private const double FloorRiseInSpeech = 0.002;
    private const double SilenceLevelDbfs = -100;
    private const double FullScaleSquared = 32768.0 * 32768.0;

    /// <summary>Speech blocks the speech level averages over (10 s); fewer than <see cref="MinSpeechLevelBlocks"/> give no level.</summary>
    private const int SpeechLevelBlocks = 1000;
    private const int MinSpeechLevelBlocks = 50;

    private readonly VoiceActivityOptions _options;
    private readonly SignalRealFft _fft = new(FftSize);
    private readonly float[] _window = new float[FftSize];
    private readonly float[] _history = new float[FftSize];
    private readonly float[] _windowed = new float[FftSize];
    private readonly float[] _re = new float[(FftSize / 2) + 1];
    private readonly float[] _im = new float[(FftSize / 2) + 1];
    private readonly int _hangoverBlocks;
    private int _pending;
    private long _blocks;
    private bool _floorKnown;
    private int _speechRun;
    private long _runStartBlock;
    private int _hangLeft;
    private long _segmentStartBlock;
    private long _lastSpeechBlock;
    private double _speechPower;
    private int _speechBlocks;

    public VoiceActivityDetector(VoiceActivityOptions? options = null)
    {
        _options = options ?? new VoiceActivityOptions();
        _hangoverBlocks = _options.HangoverMilliseconds / 10;
        for (var i = 0; i < FftSize; i++)
        {
            _window[i] = (float)(0.5 - (0.5 * Math.Cos(2 * Math.PI * i / (FftSize - 1))));
        }
    }

    /// <summary>Raised when a segment is confirmed; <see cref="VoiceActivitySegment.Start"/> is its first speech-like block.</summary>
    public event EventHandler<VoiceActivitySegment>? SpeechStarted;

    /// <summary>Raised when the hangover after a segment's last speech-like block has run out.</summary>
    public event EventHandler<VoiceActivitySegment>? SpeechEnded;

    /// <summary>Whether the leg is in a speech segment after the last complete block.</summary>
    public bool IsSpeech { get; private set; }

    /// <summary>Audio processed so far in whole blocks.</summary>
    public TimeSpan Position => TimeSpan.FromTicks(_blocks * TimeSpan.TicksPerMillisecond * 10);

    /// <summary>Level of the last block, dBFS (a full-scale sine is -3).</summary>
    public double LevelDbfs { get; private set; } = SilenceLevelDbfs;

    public double NoiseFloorDbfs { get; private set; } = SilenceLevelDbfs;

    /// <summary>
    /// The leg's speech level over its noise floor, dB: the mean power of the recent blocks inside speech segments
    /// against <see cref="NoiseFloorDbfs"/>. Null until half a second of speech has been heard.
    /// </summary>
    public double? SpeechToNoiseDb => _speechBlocks < MinSpeechLevelBlocks ? null : (10 * Math.Log10(_speechPower / FullScaleSquared)) - NoiseFloorDbfs;

    /// <summary>Spectral flatness of the last block, 0 (tonal) .. 1 (white).</summary>
    public double Flatness { get; private set; } = 1;

    /// <summary>
    /// Takes the next samples of the leg. Returns true when any complete 10 ms block ending in
    /// this frame was inside a speech segment (so a gate passes the whole frame).
    /// </summary>
    public bool Process(ReadOnlySpan<short> frame)
    {
        var anySpeech = false;
        var tail = FftSize - BlockSize;
        while (!frame.IsEmpty)
        {
            var take = Math.Min(BlockSize - _pending, frame.Length);
            var dest = _history.AsSpan(tail + _pending, take);
            for (var i = 0; i < take; i++)
            {
                dest[i] = frame[i];
            }

            _pending += take;
            frame = frame[take..];
            if (_pending == BlockSize)
            {
                _pending = 0;
                anySpeech |= ProcessBlock();
                _history.AsSpan(BlockSize, tail).CopyTo(_history);
            }
        }

        return anySpeech;
    }

    public void Reset()
    {
        Array.Clear(_history);
        _pending = 0;
        _blocks = 0;
        _floorKnown = false;
        _speechRun = 0;
        _hangLeft = 0;
        IsSpeech = false;
        LevelDbfs = SilenceLevelDbfs;
        NoiseFloorDbfs = SilenceLevelDbfs;
        Flatness = 1;
        _speechPower = 0;
        _speechBlocks = 0;
    }

    private bool ProcessBlock()
    {
        var block = _history.AsSpan(FftSize - BlockSize, BlockSize);
        double sumSquares = 0;
        for (var i = 0; i < block.Length; i++)
        {
            sumSquares += block[i] * block[i];
        }

        var level = sumSquares > 0 ? 10 * Math.Log10(sumSquares / BlockSize / FullScaleSquared) : SilenceLevelDbfs;
        level = Math.Max(level, SilenceLevelDbfs);
        LevelDbfs = level;
        Flatness = ComputeFlatness();

        if (!_floorKnown)
        {
            NoiseFloorDbfs = level;
            _floorKnown = true;
        }

        var snr = level - NoiseFloorDbfs;
        var audible = level > _options.MinSpeechLevelDbfs;
        var onsetLike = audible && snr > _options.OnsetSnrDb && Flatness < _options.MaxOnsetFlatness;
        var block0 = _blocks;
        _blocks++;

        if (IsSpeech)
        {
            if (onsetLike || (audible && snr > _options.ContinueSnrDb))
            {
                _hangLeft = _hangoverBlocks;
                _lastSpeechBlock = block0;
            }
            else if (--_hangLeft < 0)
            {
                IsSpeech = false;
                _speechRun = 0;
                SpeechEnded?.Invoke(this, new VoiceActivitySegment(BlockTime(_segmentStartBlock), BlockTime(_lastSpeechBlock + 1)));
            }
        }
        else if (onsetLike)
        {
            if (_speechRun++ == 0)
            {
                _runStartBlock = block0;
            }

            if (_speechRun >= _options.OnsetBlocks)
            {
                IsSpeech = true;
                _hangLeft = _hangoverBlocks;
                _segmentStartBlock = _runStartBlock;
                _lastSpeechBlock = block0;
                SpeechStarted?.Invoke(this, new VoiceActivitySegment(BlockTime(_segmentStartBlock), TimeSpan.Zero));
            }
        }
        else
        {
            _speechRun = 0;
        }

        if (IsSpeech)
        {
            // A running mean that becomes an exponential one after SpeechLevelBlocks blocks.
            _speechBlocks = Math.Min(_speechBlocks + 1, SpeechLevelBlocks);
            _speechPower += ((sumSquares / BlockSize) - _speechPower) / _speechBlocks;
        }

        var rate = level < NoiseFloorDbfs ? FloorFallRate : IsSpeech || _speechRun > 0 ? FloorRiseInSpeech : FloorRiseIdle;
        NoiseFloorDbfs += rate * (level - NoiseFloorDbfs);
        return IsSpeech;
    }

    private double ComputeFlatness()
    {
        for (var i = 0; i < FftSize; i++)
        {
            _windowed[i] = _history[i] * _window[i];
        }

        _fft.Forward(_windowed, _re, _im);
        double sum = 0;
        double sumLog = 0;
        double product = 1;
        for (var k = LowBin; k <= HighBin; k++)
        {
            // The +1 keeps digital silence finite; it is far below any real signal's bin power.
            var power = (_re[k] * _re[k]) + (_im[k] * _im[k]) + 1f;
            sum += power;

            // One log per 8 bins: a bin's power is at most (256 x 32768)^2 = 7e13, so 8 of them
            // multiply to at most 1e111, well inside a double.
            product *= power;
            if (((k - LowBin) & 7) == 7)
            {
                sumLog += Math.Log(product);
                product = 1;
            }
        }

        sumLog += Math.Log(product);

        const int bins = HighBin - LowBin + 1;
        return Math.Exp(sumLog / bins) / (sum / bins);
    }

    private static TimeSpan BlockTime(long block) => TimeSpan.FromTicks(block * TimeSpan.TicksPerMillisecond * 10);
}
