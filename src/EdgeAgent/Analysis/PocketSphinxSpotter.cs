using System.Runtime.InteropServices;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// Keyword spotting with one PocketSphinx decoder in keyphrase (<c>-kws</c>) mode.
/// <para>
/// A detection is reported by PocketSphinx <c>-kws_delay</c> frames after its end, and stays in the utterance's
/// detection list (improved in place while the phrase goes on), which only a new utterance clears. So a report is
/// remembered while its utterance lasts and a detection overlapping an earlier report of the same phrase is that
/// same spoken phrase, not a new one. The utterance runs as long as the leg's speech segment: restarting it after
/// each report and re-decoding from the reported phrase's start (what this class did first) cost a third more CPU on
/// phrase-dense calls, and lost a phrase whose false partial match inside it was reported first. Only a segment
/// longer than <see cref="MaxUtteranceSamples"/> is cut, replaying the last few seconds, to keep the list short.
/// </para>
/// <para>
/// Confidence: PocketSphinx fires when the margin M = log10(P(audio | phrase) / P(audio | best phone-loop path))
/// beats the phrase's threshold T (<see cref="Phrase.Threshold"/>, e.g. -20). The phone loop pays a penalty per
/// phone, so M is often positive: measured on the LibriVox test files, 2-4 word phrases had M from -8 to +60.
/// Confidence maps M linearly from 0.5 at T to 1.0 at +66.7 (KWS_MAX, the largest margin kws_search.c expects) or
/// T + 40 when that is higher, clamped to 0..1: it orders detections of one phrase; across phrases, longer phrases
/// score higher.
/// </para>
/// </summary>
internal sealed class PocketSphinxSpotter : IKeywordSpotter
{
    public const int SampleRate = 16_000;

    /// <summary>-frate 100: one search frame per 10 ms.</summary>
    private const int SamplesPerFrame = SampleRate / 100;

    /// <summary>PocketSphinx's default <c>-kws_delay</c>, set explicitly because padding at the end depends on it.</summary>
    private const int KwsDelayFrames = 10;

    /// <summary>Reports are looked for every 100 ms of audio, so a report never lags far behind its phrase.</summary>
    private const int SliceSamples = 10 * SamplesPerFrame;

    /// <summary>
    /// What a cut utterance replays: a long phrase (3-4 s) plus the report's lag (delay, one slice, the feature
    /// window: ~0.3 s), so a phrase in progress at the cut is found by the next utterance.
    /// </summary>
    private const int HistorySamples = 5 * SampleRate;

    /// <summary>Continuous speech is cut into utterances of a minute: +8 % decoding for the replays.</summary>
    private const long MaxUtteranceSamples = 60L * SampleRate;

    /// <summary>
    /// The live cepstral mean is first updated when an utterance ends (or after 800 frames): a leg's first utterance
    /// would be decoded with the model's (or the band's) initial mean for up to 8 s, and the greeting and the
    /// recording notice are said right there. After this much of a leg (or at the end of a shorter first stretch of
    /// speech) the utterance is ended, which sets the mean from the leg's own audio, and the leg so far is decoded
    /// again; phrases found only then are reported late. Measured on the noisy wideband eval set: recall 0.79
    /// without, 0.85 at 2 s, 0.87 at 3 s (p95 latency 295 ms), 0.86 at 4.5 s (p95 1.7 s). Only a band without an
    /// initial mean of its own warms up: narrowband legs start from the G.711 one (μ-law recall 0.876 without, 0.883
    /// with), and the replay cost a third of the analysis CPU on the benchmark's 8 s legs.
    /// </summary>
    private const long WarmUpSamples = 3L * SampleRate;

    private static readonly Lock s_createLock = new();

    private readonly KeywordModel _model;
    private readonly PsDecoderHandle _decoder;
    private readonly double _log10PerScoreUnit;
    private readonly CepstralMeanState _cepstralMean;
    private readonly short[] _history = new short[HistorySamples];
    private readonly short[] _replay = new short[HistorySamples];
    private readonly List<Segment> _segments = [];

    /// <summary>Phrases reported in this leg that a replay, or the detection's own later improvement, could find again.</summary>
    private readonly List<Report> _reported = [];

    /// <summary>
    /// Where the leg's condition changed (noisy or quiet from that sample on), oldest first; quiet before the first. A
    /// detection is held to the threshold of the condition the leg was in when the phrase ended: the ratio keeps moving
    /// (near <see cref="AnalysisOptions.NoisyBelowSnrDb"/> it can cross back and forth), and re-judging a phrase said
    /// seconds ago under the new condition reported it that late (8 of 122 hits on the noisy wideband set, 8-10 s late).
    /// </summary>
    private readonly List<(long From, bool Noisy)> _conditions = [];

    /// <summary>Samples fed since the leg began.</summary>
    private long _legSamples;

    /// <summary>The leg sample that the current utterance's frame 0 starts at.</summary>
    private long _utteranceStart;

    /// <summary>The leg sample the decoder has been fed up to.</summary>
    private long _fedSamples;

    private bool _inUtterance;

    /// <summary>The leg's mean is its own: warmed up, or the band's initial mean (see <see cref="WarmUpSamples"/>).</summary>
    private bool _warmedUp;
    private bool _disposed;

    public PocketSphinxSpotter(KeywordModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _warmedUp = NoWarmUp;
        KeywordModel.CheckModelDirectory(model.ModelDirectory);
        List<string> arguments =
        [
            "-hmm", model.ModelDirectory,
            "-dict", model.DictionaryPath,
            "-kws", model.KeyphrasePath,
            "-kws_delay", KwsDelayFrames.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-samprate", SampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The VAD would drop silent frames from the search, and frame numbers would no longer be time.
            "-remove_silence", "no",
        ];
        arguments.AddRange(model.DecoderArguments);

        // ps_init touches process-wide state (the sphinxbase log): decoders are created one at a time.
        lock (s_createLock)
        {
            PocketSphinxNative.SetLogFile(IntPtr.Zero);
            using var config = PsConfigHandle.Parse(arguments);
            _decoder = PsDecoderHandle.Create(config);
        }

        var logMath = PocketSphinxNative.GetLogMath(_decoder);
        if (logMath == IntPtr.Zero)
        {
            _decoder.Dispose();
            throw new InvalidOperationException("PocketSphinx decoder has no log-math table (ps_get_logmath returned NULL)");
        }

        _log10PerScoreUnit = (1 << PocketSphinxNative.ScoreShift) * Math.Log10(PocketSphinxNative.LogMathBase(logMath));
        try
        {
            _cepstralMean = CepstralMeanState.Capture(_decoder, model.InitialCepstralMean);
        }
        catch
        {
            _decoder.Dispose();
            throw;
        }
    }

    /// <summary>The phrases, band and settings this decoder was created with.</summary>
    public KeywordModel Model => _model;

    public double? SpeechToNoiseDb { get; set; }

    public void Process(ReadOnlySpan<short> samples, ICollection<SpottedPhrase> found)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(found);
        while (!samples.IsEmpty)
        {
            // The decoder gets whole slices of the leg, and reports are collected (and the utterance restarted) after
            // them: the live CMN moves after each batch of frames and when an utterance ends, so feeding or restarting
            // wherever a caller's frame happened to end would make the result depend on the frame size.
            var toBoundary = SliceSamples - (int)(_legSamples % SliceSamples);
            var slice = samples[..Math.Min(toBoundary, samples.Length)];
            samples = samples[slice.Length..];

            Remember(slice);
            _legSamples += slice.Length;
            if (_legSamples % SliceSamples != 0)
            {
                continue;
            }

            NoteCondition();
            FeedPending();
            Collect(found);
            if (!_warmedUp && _legSamples >= WarmUpSamples)
            {
                WarmUp();
                Collect(found);
            }
            else if (_legSamples - _utteranceStart >= MaxUtteranceSamples)
            {
                Restart(_legSamples - HistorySamples);
            }
        }
    }

    public void Finish(ICollection<SpottedPhrase> found)
    {
        EndSegment(found);
        ForgetChannel();
    }

    public void EndSegment(ICollection<SpottedPhrase> found)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(found);
        NoteCondition();
        FeedPending();
        if (!_warmedUp && _inUtterance)
        {
            // A first stretch shorter than the warm-up (a greeting, then the caller's answer) gets it at its end.
            WarmUp();
        }

        if (_inUtterance)
        {
            // A phrase ending in the last -kws_delay frames is only reported once that many frames follow it.
            Span<short> padding = stackalloc short[(KwsDelayFrames + 5) * SamplesPerFrame];
            FillQuietNoise(padding);
            Feed(padding);
            Check(PocketSphinxNative.EndUtterance(_decoder), "ps_end_utt");
            _inUtterance = false;
            Collect(found);
        }

        RestartTime();
    }

    /// <summary>Drops the current leg without reporting (a leg handed back unfinished).</summary>
    /// <returns>True when there was audio of an unfinished leg.</returns>
    public bool Reset()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var unfinished = _inUtterance;
        if (_inUtterance)
        {
            Check(PocketSphinxNative.EndUtterance(_decoder), "ps_end_utt");
            _inUtterance = false;
        }

        ForgetChannel();
        RestartTime();
        return unfinished;
    }

    /// <summary>A wideband leg warms up; a band with its own initial mean starts from it.</summary>
    private bool NoWarmUp => _model.InitialCepstralMean is not null;

    /// <summary>The next audio is a new leg's: its channel (and its noise) is not the last one's.</summary>
    private void ForgetChannel()
    {
        _cepstralMean.Restore();
        _warmedUp = NoWarmUp;
        SpeechToNoiseDb = null;
    }

    /// <summary>The next audio is sample 0 and nothing of it has been reported.</summary>
    private void RestartTime()
    {
        _reported.Clear();
        _conditions.Clear();
        _legSamples = 0;
        _fedSamples = 0;
        _utteranceStart = 0;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_inUtterance && !_decoder.IsClosed)
        {
            _ = PocketSphinxNative.EndUtterance(_decoder);
        }

        _decoder.Dispose();
    }

    private static void Check(int result, string function)
    {
        if (result < 0)
        {
            throw new InvalidOperationException($"PocketSphinx {function} failed ({result})");
        }
    }

    /// <summary>Dither-level noise (-2..1 LSB): digital zeros would give log(0) filter-bank energies.</summary>
    private static void FillQuietNoise(Span<short> samples)
    {
        uint state = 0x2545F491;
        for (var i = 0; i < samples.Length; i++)
        {
            state = (state * 1664525) + 1013904223;
            samples[i] = (short)((int)(state >> 30) - 2);
        }
    }

    /// <summary>Feeds what came since the last slice boundary (from the history).</summary>
    private void FeedPending()
    {
        var count = (int)(_legSamples - _fedSamples);
        if (count > 0)
        {
            CopyHistory(_replay.AsSpan(0, count));
            Feed(_replay.AsSpan(0, count));
        }
    }

    /// <summary>Feeds <paramref name="samples"/> a slice at a time.</summary>
    private unsafe void Feed(ReadOnlySpan<short> samples)
    {
        if (!_inUtterance)
        {
            StartUtterance();
        }

        while (!samples.IsEmpty)
        {
            var slice = samples[..Math.Min(SliceSamples, samples.Length)];
            fixed (short* data = slice)
            {
                Check(PocketSphinxNative.ProcessRaw(_decoder, data, (nuint)slice.Length, noSearch: 0, fullUtterance: 0), "ps_process_raw");
            }

            samples = samples[slice.Length..];
        }

        _fedSamples = _legSamples;
    }

    /// <summary>Ends the utterance, which sets the cepstral mean from the leg so far, and decodes the leg again.</summary>
    private void WarmUp()
    {
        _warmedUp = true;
        Restart(0);
    }

    /// <summary>Ends the utterance, starts a new one at leg sample <paramref name="start"/> and feeds the audio since then again.</summary>
    private void Restart(long start)
    {
        Check(PocketSphinxNative.EndUtterance(_decoder), "ps_end_utt");
        _inUtterance = false;
        start = Math.Clamp(start, _legSamples - HistorySamples, _legSamples);
        _utteranceStart = start;
        var count = (int)(_legSamples - start);
        if (count > 0)
        {
            CopyHistory(_replay.AsSpan(0, count));
            Feed(_replay.AsSpan(0, count));
        }
        else
        {
            StartUtterance();
        }
    }

    private void StartUtterance()
    {
        Check(PocketSphinxNative.StartStream(_decoder), "ps_start_stream");
        Check(PocketSphinxNative.StartUtterance(_decoder), "ps_start_utt");
        _inUtterance = true;
    }

    /// <summary>Appends the new reports PocketSphinx has settled.</summary>
    private void Collect(ICollection<SpottedPhrase> found)
    {
        _segments.Clear();
        var segment = PocketSphinxNative.SegmentIterator(_decoder);
        while (segment != IntPtr.Zero)
        {
            // kws_search.c keeps the space before "/1e-20/" in the keyphrase.
            var word = (Marshal.PtrToStringUTF8(PocketSphinxNative.SegmentWord(segment)) ?? "").TrimEnd();
            PocketSphinxNative.SegmentFrames(segment, out var startFrame, out var endFrame);
            var score = PocketSphinxNative.SegmentProbability(segment, out _, out _, out _);
            if (_model.Find(word) is { } phrase)
            {
                _segments.Add(new Segment(
                    phrase,
                    _utteranceStart + ((long)startFrame * SamplesPerFrame),
                    _utteranceStart + (((long)endFrame + 1) * SamplesPerFrame),
                    Margin(score)));
            }

            segment = PocketSphinxNative.SegmentNext(segment);
        }

        if (_segments.Count == 0)
        {
            return;
        }

        // The detection list holds this utterance's detections, replayed copies of earlier reports among them, until
        // the next restart: a report is forgotten only once it ends before the utterance began.
        _reported.RemoveAll(r => r.End <= _utteranceStart);
        while (_conditions.Count >= 2 && _conditions[1].From <= _utteranceStart)
        {
            _conditions.RemoveAt(0);
        }

        // The detection list is newest first.
        for (var i = _segments.Count - 1; i >= 0; i--)
        {
            var (phrase, start, end, margin) = _segments[i];
            if (ReportOf(phrase, start, end) is { } report)
            {
                // The same spoken phrase: PocketSphinx moves a detection in place to a better overlapping match, so
                // the report follows it (a drifting span would otherwise be reported twice) and keeps its best margin.
                report.Start = Math.Min(report.Start, start);
                report.End = Math.Max(report.End, end);
                report.Spotted.BestMargin = Math.Max(report.Spotted.BestMargin, margin);
                continue;
            }

            // The decoder searched at the looser of the quiet and noisy thresholds. A detection below its leg's one
            // is looked at again while its utterance lasts: PocketSphinx improves it in place as the phrase goes on.
            var noisy = NoisyAt(end);
            var threshold = _model.ThresholdOf(phrase, noisy);
            if (margin < threshold || (_model.BestOfOverlappingPhrases && IsOutscored(phrase, start, end, margin)))
            {
                continue;
            }

            var spotted = new SpottedPhrase(
                phrase,
                TimeSpan.FromSeconds(start / (double)SampleRate),
                TimeSpan.FromSeconds(end / (double)SampleRate),
                Confidence(margin, threshold)) { Margin = margin, BestMargin = margin, Noisy = noisy };
            _reported.Add(new Report(phrase, start, end, spotted));
            found.Add(spotted);
        }
    }

    /// <summary>
    /// Whether a better match of another phrase covers the same stretch: one reported already, or one in this
    /// utterance's list that beats its own threshold. Overlapping means by half of the shorter span, as two phrases said
    /// back to back may share a few boundary frames.
    /// </summary>
    private bool IsOutscored(Phrase phrase, long start, long end, double margin)
    {
        foreach (var r in _reported)
        {
            if (Beats(r.Phrase, r.Start, r.End, r.Spotted.BestMargin))
            {
                return true;
            }
        }

        foreach (var s in _segments)
        {
            if (Beats(s.Phrase, s.Start, s.End, s.Margin) && s.Margin >= _model.ThresholdOf(s.Phrase, NoisyAt(s.End)))
            {
                return true;
            }
        }

        return false;

        bool Beats(Phrase rival, long rivalStart, long rivalEnd, double rivalMargin)
            => !ReferenceEquals(rival, phrase) && rivalMargin > margin && Cover(start, end, rivalStart, rivalEnd) && !phrase.Nests(rival);
    }

    /// <summary>Records the leg's condition from here on, when it changed.</summary>
    private void NoteCondition()
    {
        var noisy = _model.IsNoisy(SpeechToNoiseDb);
        if (noisy != (_conditions.Count > 0 && _conditions[^1].Noisy))
        {
            _conditions.Add((_legSamples, noisy));
        }
    }

    /// <summary>Whether the leg was noisy at <paramref name="sample"/>.</summary>
    private bool NoisyAt(long sample)
    {
        for (var i = _conditions.Count - 1; i >= 0; i--)
        {
            if (_conditions[i].From <= sample)
            {
                return _conditions[i].Noisy;
            }
        }

        return false;
    }

    private static bool Cover(long start, long end, long otherStart, long otherEnd)
        => 2 * (Math.Min(end, otherEnd) - Math.Max(start, otherStart)) >= Math.Min(end - start, otherEnd - otherStart);

    private Report? ReportOf(Phrase phrase, long start, long end)
    {
        foreach (var r in _reported)
        {
            if (ReferenceEquals(r.Phrase, phrase) && start < r.End && end > r.Start)
            {
                return r;
            }
        }

        return null;
    }

    private double Margin(int score) => (score + PocketSphinxNative.KwsScoreOffset) * _log10PerScoreUnit;

    private double Confidence(double margin, int threshold)
    {
        var ceiling = Math.Max(PocketSphinxNative.KwsScoreOffset * _log10PerScoreUnit, threshold + 40);
        return Math.Clamp(0.5 + (0.5 * (margin - threshold) / (ceiling - threshold)), 0.0, 1.0);
    }

    /// <summary>Keeps the last <see cref="HistorySamples"/> fed; <paramref name="samples"/> is at most one slice.</summary>
    private void Remember(ReadOnlySpan<short> samples)
    {
        var at = (int)(_legSamples % HistorySamples);
        var first = Math.Min(samples.Length, HistorySamples - at);
        samples[..first].CopyTo(_history.AsSpan(at));
        samples[first..].CopyTo(_history);
    }

    /// <summary>Copies the last <c>destination.Length</c> samples fed.</summary>
    private void CopyHistory(Span<short> destination)
    {
        var from = (int)((_legSamples - destination.Length) % HistorySamples);
        var first = Math.Min(destination.Length, HistorySamples - from);
        _history.AsSpan(from, first).CopyTo(destination);
        _history.AsSpan(0, destination.Length - first).CopyTo(destination[first..]);
    }

    /// <summary>A detection of a configured phrase in the decoder's list: leg samples and log10 margin.</summary>
    private readonly record struct Segment(Phrase Phrase, long Start, long End, double Margin);

    /// <summary>A reported phrase and the leg samples its detection has covered so far.</summary>
    private sealed class Report(Phrase phrase, long start, long end, SpottedPhrase spotted)
    {
        public Phrase Phrase { get; } = phrase;

        public long Start { get; set; } = start;

        public long End { get; set; } = end;

        public SpottedPhrase Spotted { get; } = spotted;
    }
}
