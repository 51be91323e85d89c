namespace EdgeCc.Agent.Analysis;

/// <summary>
/// Loudness, pitch and speaking rate of one leg, each against that speaker's own baseline (their
/// first <see cref="ProsodyOptions.BaselineSpeechSeconds"/> of speech), folded into an
/// <see cref="Arousal"/> figure from 0 (calm, as at the start) to 1 (agitated).
/// </summary>
/// <remarks>
/// <para>Only blocks the caller marks as speech (the VAD's decision) count, so silence and hold
/// music do not move anything. Per 10 ms block: the level; a <see cref="PitchTracker"/> estimate;
/// a syllable nucleus is an envelope peak at least 3 dB above the dips on both sides, voiced, and
/// no more than 20 dB under the speaker's current loudness (the intensity-peak method of de Jong
/// and Wempe, 2009, simplified to the 10 ms envelope).</para>
/// <para>Arousal = 1 - exp(-1.5 r), r = wL max(0, dL - b) + wP max(0, dP - b) + wR max(0, dR - b),
/// with dL = (L - L0) / 6 dB, dP = 12 log2(P / P0) / 3 semitones, dR = (R / R0 - 1) / 0.3, the
/// deadband b = 0.35 units and weights 0.4, 0.35, 0.25 (all in <see cref="ProsodyOptions"/>); L, P
/// and R are exponential means over the last 3 s (rate 4 s) of speech, L0, P0, R0 the baseline's.
/// Only rises count: a quieter, lower or slower voice is as calm as the baseline. Two units on
/// every feature (12 dB, 6 semitones, 60 % faster) give 0.92; 12 dB louder alone gives 0.63.</para>
/// <para>No allocation per frame. Not thread-safe: one instance per leg.</para>
/// </remarks>
public sealed class ProsodyTracker
{
    private const int Block = 160;
    private const double BlockSeconds = 0.01;
    private const double NucleusDipDb = 3;
    private const double NucleusBelowLoudnessDb = 20;
    private const double FullScaleSquared = 32768.0 * 32768.0;

    private readonly ProsodyOptions _options;
    private readonly PitchTracker _pitch = new();
    private readonly short[] _block = new short[Block];
    private readonly double _alphaCurrent;
    private readonly double _alphaRate;
    private int _pending;
    private bool _pendingSpeech;
    private long _speechBlocks;
    private long _baselineBlocks;

    // Baseline sums (over the baseline period) and current exponential means.
    private double _basePower;
    private long _basePowerCount;
    private double _baseLogPitch;
    private long _basePitchCount;
    private int _baseNuclei;
    private double _power;
    private double _logPitch;
    private double _rate;
    private bool _haveCurrentLoudness;
    private bool _haveCurrentPitch;

    // Envelope peak picking.
    private double _env1;
    private double _env2;
    private bool _seekingPeak = true;
    private double _extreme = -200;
    private int _peakBlock;
    private int _lastVoicedBlock = -100;
    private int _blockIndex;

    public ProsodyTracker(ProsodyOptions? options = null)
    {
        _options = options ?? new ProsodyOptions();
        _alphaCurrent = BlockSeconds / _options.CurrentSeconds;
        _alphaRate = BlockSeconds / _options.RateSeconds;
        _baselineBlocks = (long)Math.Round(_options.BaselineSpeechSeconds / BlockSeconds);
    }

    /// <summary>0 (calm, the speaker's baseline) .. 1 (agitated); 0 until the baseline is complete.</summary>
    public double Arousal { get; private set; }

    public bool HasBaseline => _speechBlocks >= _baselineBlocks;

    /// <summary>Pitch of the last 10 ms block, 0 when unvoiced.</summary>
    public double LastPitchHz => _pitch.PitchHz;

    /// <summary>
    /// Takes the next samples of the leg; <paramref name="isSpeech"/> is the VAD's decision for
    /// this frame (its blocks count towards the figures only when true).
    /// </summary>
    public void Process(ReadOnlySpan<short> frame, bool isSpeech)
    {
        while (!frame.IsEmpty)
        {
            var take = Math.Min(Block - _pending, frame.Length);
            frame[..take].CopyTo(_block.AsSpan(_pending));
            _pendingSpeech |= isSpeech;
            _pending += take;
            frame = frame[take..];
            if (_pending == Block)
            {
                ProcessBlock(_pendingSpeech);
                _pending = 0;
                _pendingSpeech = false;
            }
        }
    }

    public ProsodySnapshot Snapshot()
    {
        var hasBaseline = HasBaseline;
        return new ProsodySnapshot(
            TimeSpan.FromTicks(_speechBlocks * TimeSpan.TicksPerMillisecond * 10),
            hasBaseline,
            _haveCurrentLoudness ? PowerToDb(_power) : 0,
            _haveCurrentPitch ? Math.Pow(2, _logPitch) : 0,
            _rate,
            hasBaseline ? BaselineLoudnessDb() : 0,
            hasBaseline ? BaselinePitchHz() : 0,
            hasBaseline ? BaselineRate() : 0,
            Arousal);
    }

    private void ProcessBlock(bool isSpeech)
    {
        _pitch.Process(_block);
        _blockIndex++;
        double sumSquares = 0;
        foreach (var s in _block)
        {
            sumSquares += s * s;
        }

        var power = sumSquares / Block / FullScaleSquared;
        var levelDb = PowerToDb(power);

        // 30 ms moving average of the level in dB: smooths the 10 ms envelope's jitter without
        // merging syllables (which are 100-300 ms apart).
        var envelope = (levelDb + _env1 + _env2) / 3;
        _env2 = _env1;
        _env1 = levelDb;

        var pitchHz = _pitch.PitchHz;
        var voiced = isSpeech && pitchHz > 0;
        if (voiced)
        {
            _lastVoicedBlock = _blockIndex;
        }

        if (!isSpeech)
        {
            _seekingPeak = true;
            _extreme = envelope;
            return;
        }

        var inBaseline = _speechBlocks < _baselineBlocks;
        _speechBlocks++;

        if (voiced)
        {
            var logPitch = Math.Log2(pitchHz);
            if (inBaseline)
            {
                _basePower += power;
                _basePowerCount++;
                _baseLogPitch += logPitch;
                _basePitchCount++;
            }

            _power = _haveCurrentLoudness ? _power + (_alphaCurrent * (power - _power)) : power;
            _logPitch = _haveCurrentPitch ? _logPitch + (_alphaCurrent * (logPitch - _logPitch)) : logPitch;
            _haveCurrentLoudness = _haveCurrentPitch = true;
        }

        var nucleus = DetectNucleus(envelope);
        if (nucleus && inBaseline)
        {
            _baseNuclei++;
        }

        _rate += _alphaRate * (((nucleus ? 1 : 0) / BlockSeconds) - _rate);
        if (!inBaseline && _speechBlocks == _baselineBlocks + 1)
        {
            // Start the current rate from the baseline so the exponential mean has no warm-up ramp.
            _rate = BaselineRate();
        }

        Arousal = HasBaseline ? ComputeArousal() : 0;
    }

    private bool DetectNucleus(double envelope)
    {
        if (_seekingPeak)
        {
            if (envelope > _extreme)
            {
                _extreme = envelope;
                _peakBlock = _blockIndex;
            }
            else if (envelope < _extreme - NucleusDipDb)
            {
                // Voicing anywhere from 50 ms before the peak to now: the pitch window lags the
                // envelope, and YIN misses the odd creaky or breathy vowel.
                var counted = _lastVoicedBlock >= _peakBlock - 5
                    && (!_haveCurrentLoudness || _extreme > PowerToDb(_power) - NucleusBelowLoudnessDb);
                _seekingPeak = false;
                _extreme = envelope;
                return counted;
            }
        }
        else if (envelope < _extreme)
        {
            _extreme = envelope;
        }
        else if (envelope > _extreme + NucleusDipDb)
        {
            _seekingPeak = true;
            _extreme = envelope;
            _peakBlock = _blockIndex;
        }

        return false;
    }

    private double ComputeArousal()
    {
        if (!_haveCurrentLoudness || _basePowerCount == 0)
        {
            return 0;
        }

        var dL = (PowerToDb(_power) - BaselineLoudnessDb()) / _options.LoudnessUnitDb;
        var dP = 12 * (_logPitch - (_baseLogPitch / _basePitchCount)) / _options.PitchUnitSemitones;
        var baseRate = BaselineRate();
        var dR = baseRate > 0 ? ((_rate / baseRate) - 1) / _options.RateUnit : 0;
        var deadband = _options.DeadbandUnits;
        var r = (_options.LoudnessWeight * Math.Max(0, dL - deadband))
            + (_options.PitchWeight * Math.Max(0, dP - deadband))
            + (_options.RateWeight * Math.Max(0, dR - deadband));
        return 1 - Math.Exp(-1.5 * r);
    }

    private double BaselineLoudnessDb() => _basePowerCount > 0 ? PowerToDb(_basePower / _basePowerCount) : 0;

    private double BaselinePitchHz() => _basePitchCount > 0 ? Math.Pow(2, _baseLogPitch / _basePitchCount) : 0;

    private double BaselineRate() => _baseNuclei / Math.Max(BlockSeconds, Math.Min(_speechBlocks, _baselineBlocks) * BlockSeconds);

    private static double PowerToDb(double power) => 10 * Math.Log10(power + 1e-12);
}
