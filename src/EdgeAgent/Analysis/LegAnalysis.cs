using EdgeCc.Agent.Audio;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// The analysis of one leg of one call: brings its audio to 16 kHz, lets voice activity decide
/// what the keyword spotter hears, keeps the spotter's clock aligned with the call's, and turns
/// spotted phrases into detections. The spotter and voice activity hear the leg through a <see cref="SpeechHighPass"/>
/// at <paramref name="highPassHz"/> (0: none); prosody hears it as it came.
/// </summary>
internal sealed class LegAnalysis(string callId, Leg leg, SpotterPool pool, bool spotSpeechOnly, int highPassHz)
{
    public const int SampleRate = 16_000;

    // Audio the spotter does not hear (silence suppression, lost bursts, non-speech when gated)
    // leaves gaps. Short ones are filled with silence so the decoder's clock keeps matching the
    // call's and its channel normalisation carries on; long ones end the utterance instead,
    // since a decoder chewing seconds of silence is wasted CPU.
    private static readonly TimeSpan MaxFilledGap = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan GapTolerance = TimeSpan.FromMilliseconds(5);
    private static readonly short[] Silence = new short[SampleRate / 10];

    private readonly List<SpottedPhrase> _found = [];
    private readonly SignalPreRoll _preRoll = new();
    private readonly short[] _preRollSamples = new short[4_800];
    private IKeywordSpotter? _spotter;
    private PolyphaseResampler? _resampler;
    private int _inputRate;
    private int _legRate;
    private short[] _resampled = [];
    private readonly SpeechHighPass? _highPass = highPassHz > 0 ? new SpeechHighPass(highPassHz, SampleRate) : null;
    private short[] _filtered = [];
    private TimeSpan _segmentStart;
    private long _segmentSamples;
    private double? _speechToNoiseDb;

    public Leg Leg => leg;

    public TimeSpan AudioDuration { get; private set; }

    public TimeSpan SpeechDuration { get; private set; }

    /// <summary>Audio the spotter actually decoded (speech, pre-roll and filled gaps).</summary>
    public TimeSpan SpottedDuration => TimeSpan.FromSeconds((double)SpottedSamples / SampleRate);

    public int DetectionCount { get; private set; }

    /// <summary>Sees each spotted phrase (with its margin) just before it becomes a detection: for <c>edgecc eval</c>.</summary>
    public Action<SpottedPhrase>? Spotted { get; init; }

    private long SpottedSamples { get; set; }

    public void Process(AudioFrame frame, SignalCallAnalyzer signals, List<Detection> detections)
    {
        if (_legRate == 0)
        {
            // The leg's band is what its first frame carried (a G.711 leg stays narrowband after upsampling).
            _legRate = frame.SampleRate;
        }

        var wideband = Wideband(frame);
        var heard = Filtered(wideband);
        AudioDuration += frame.Duration;
        var speech = signals.Process(wideband, heard);
        _speechToNoiseDb = signals.SpeechToNoiseDb(leg);
        if (speech)
        {
            SpeechDuration += wideband.Duration;
        }

        if (spotSpeechOnly && !speech)
        {
            _preRoll.Write(heard);
            return;
        }

        var held = _preRoll.CopyTo(_preRollSamples);
        if (held > 0)
        {
            // The detector needs a few blocks to be sure; the spotter needs the word's onset.
            Spot(wideband.Timestamp - Duration(held), _preRollSamples.AsSpan(0, held), detections);
        }

        Spot(wideband.Timestamp, heard, detections);
    }

    /// <summary>The leg's audio is over: flush the decoder and give it back to the pool.</summary>
    public void Finish(List<Detection> detections)
    {
        if (_spotter is null)
        {
            return;
        }

        _spotter.Finish(_found);
        Collect(detections);
        pool.Return(_spotter);
        _spotter = null;
    }

    private static TimeSpan Duration(long samples) => TimeSpan.FromSeconds((double)samples / SampleRate);

    private TimeSpan SegmentPosition => _segmentStart + Duration(_segmentSamples);

    private void Spot(TimeSpan at, ReadOnlySpan<short> samples, List<Detection> detections)
    {
        if (_spotter is null)
        {
            _spotter = pool.Rent(_legRate);
            StartSegment(at);
        }
        else
        {
            var gap = at - SegmentPosition;
            if (gap > MaxFilledGap)
            {
                _spotter.EndSegment(_found);
                Collect(detections);
                StartSegment(at);
            }
            else if (gap > GapTolerance)
            {
                FeedSilence((long)(gap.TotalSeconds * SampleRate), detections);
            }
            else if (gap < -GapTolerance)
            {
                // Already heard (overlapping timestamps): only the new part goes in.
                var skip = (int)Math.Min(samples.Length, (-gap).TotalSeconds * SampleRate);
                samples = samples[skip..];
            }
        }

        Feed(samples, detections);
    }

    private void StartSegment(TimeSpan at)
    {
        _segmentStart = at;
        _segmentSamples = 0;
    }

    private AudioFrame Wideband(AudioFrame frame)
    {
        if (frame.SampleRate == SampleRate)
        {
            return frame;
        }

        if (_resampler is null || _inputRate != frame.SampleRate)
        {
            _resampler = new PolyphaseResampler(frame.SampleRate, SampleRate);
            _inputRate = frame.SampleRate;
        }

        var needed = _resampler.MaxOutput(frame.Samples.Length);
        if (_resampled.Length < needed)
        {
            _resampled = new short[needed];
        }

        var written = _resampler.Process(frame.Samples.Span, _resampled);

        // The buffer is reused for the next frame; the frame does not outlive this call.
        return new AudioFrame(frame.CallId, frame.Leg, frame.Timestamp, _resampled.AsMemory(0, written), SampleRate);
    }

    /// <summary>The frame's samples as the spotter and voice activity hear them.</summary>
    private ReadOnlySpan<short> Filtered(AudioFrame frame)
    {
        var samples = frame.Samples.Span;
        if (_highPass is null)
        {
            return samples;
        }

        if (_filtered.Length < samples.Length)
        {
            _filtered = new short[samples.Length];
        }

        _highPass.Process(samples, _filtered);
        return _filtered.AsSpan(0, samples.Length);
    }

    private void FeedSilence(long count, List<Detection> detections)
    {
        while (count > 0)
        {
            var n = (int)Math.Min(count, Silence.Length);
            Feed(Silence.AsSpan(0, n), detections);
            count -= n;
        }
    }

    private void Feed(ReadOnlySpan<short> samples, List<Detection> detections)
    {
        _spotter!.SpeechToNoiseDb = _speechToNoiseDb;
        _spotter.Process(samples, _found);
        _segmentSamples += samples.Length;
        SpottedSamples += samples.Length;
        Collect(detections);
    }

    private void Collect(List<Detection> detections)
    {
        foreach (var spotted in _found)
        {
            var phrase = spotted.Phrase;
            Spotted?.Invoke(spotted);
            detections.Add(new Detection(
                callId,
                leg,
                phrase.Text,
                phrase.Category,
                phrase.Weight,
                _segmentStart + spotted.Start,
                _segmentStart + spotted.End,
                spotted.Confidence));
            DetectionCount++;
        }

        _found.Clear();
    }
}
