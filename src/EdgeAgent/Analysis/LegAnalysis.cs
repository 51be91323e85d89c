using EdgeCc.Agent.Audio;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// The analysis of one leg of one call: brings its audio to 16 kHz, keeps the spotter's
/// clock aligned with the call's clock, and turns spotted phrases into detections.
/// </summary>
internal sealed class LegAnalysis(string callId, Leg leg, SpotterPool pool)
{
    public const int SampleRate = 16_000;

    // Silence suppression and lost bursts leave gaps; short ones are filled with zeros so the
    // decoder's clock keeps matching the call's, long ones end the utterance instead (a decoder
    // chewing seconds of zeros is wasted CPU).
    private static readonly TimeSpan MaxFilledGap = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan GapTolerance = TimeSpan.FromMilliseconds(5);
    private static readonly short[] Zeros = new short[SampleRate / 10];

    private readonly List<SpottedPhrase> _found = [];
    private IKeywordSpotter? _spotter;
    private PolyphaseResampler? _resampler;
    private int _inputRate;
    private short[] _resampled = [];
    private TimeSpan _segmentStart;
    private long _segmentSamples;

    public Leg Leg => leg;

    public TimeSpan AudioDuration { get; private set; }

    public int DetectionCount { get; private set; }

    public double Sentiment { get; private set; }

    public void Process(AudioFrame frame, List<Detection> detections)
    {
        var samples = Resample(frame);
        if (_spotter is null)
        {
            _spotter = pool.Rent();
            StartSegment(frame.Timestamp);
        }
        else
        {
            var gap = frame.Timestamp - SegmentPosition;
            if (gap > MaxFilledGap)
            {
                Flush(detections);
                StartSegment(frame.Timestamp);
            }
            else if (gap > GapTolerance)
            {
                FeedSilence((long)(gap.TotalSeconds * SampleRate), detections);
            }
        }

        Feed(samples, detections);
        AudioDuration += frame.Duration;
    }

    /// <summary>The leg's audio is over: flush the decoder and give it back to the pool.</summary>
    public void Finish(List<Detection> detections)
    {
        if (_spotter is null)
        {
            return;
        }

        Flush(detections);
        pool.Return(_spotter);
        _spotter = null;
    }

    private TimeSpan SegmentPosition => _segmentStart + TimeSpan.FromSeconds((double)_segmentSamples / SampleRate);

    private void StartSegment(TimeSpan at)
    {
        _segmentStart = at;
        _segmentSamples = 0;
        _resampler?.Reset();
    }

    private ReadOnlySpan<short> Resample(AudioFrame frame)
    {
        if (frame.SampleRate == SampleRate)
        {
            return frame.Samples.Span;
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
        return _resampled.AsSpan(0, written);
    }

    private void FeedSilence(long count, List<Detection> detections)
    {
        while (count > 0)
        {
            var n = (int)Math.Min(count, Zeros.Length);
            Feed(Zeros.AsSpan(0, n), detections);
            count -= n;
        }
    }

    private void Feed(ReadOnlySpan<short> samples, List<Detection> detections)
    {
        _spotter!.Process(samples, _found);
        _segmentSamples += samples.Length;
        Collect(detections);
    }

    private void Flush(List<Detection> detections)
    {
        _spotter!.Finish(_found);
        Collect(detections);
    }

    private void Collect(List<Detection> detections)
    {
        foreach (var spotted in _found)
        {
            var phrase = spotted.Phrase;
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
            Sentiment += phrase.Weight;
        }

        _found.Clear();
    }
}
