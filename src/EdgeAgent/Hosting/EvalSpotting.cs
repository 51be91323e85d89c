using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Analysis.Evaluation;
using EdgeCc.Agent.Audio;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// Runs corpus files through the service's own path: each file is one leg, fed at its own rate in 20 ms frames to a
/// <see cref="LegAnalysis"/> (voice-activity gating, resampling to 16 kHz, a PocketSphinx spotter rented from a
/// <see cref="SpotterPool"/> built for the set's phrase list), exactly as a call's leg arrives. Files run in
/// parallel, one per worker thread; each is timed with its thread's CPU clock.
/// </summary>
internal sealed class EvalSpotting(AnalysisOptions configured, ILoggerFactory loggers, int jobs)
{
    /// <summary>20 ms, the usual RTP packetisation.</summary>
    public const int FramesPerSecond = 50;

    /// <summary>The service's analysis settings the runs use (their phrases replaced by each set's).</summary>
    public AnalysisOptions Configured => configured;

    public EvalRun Run(CorpusManifest corpus, CorpusSet set, IReadOnlyList<Phrase> phrases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        return Run(corpus, set, configured.WithPhrases(phrases), cancellationToken);
    }

    /// <summary>
    /// Calibration's one run: every phrase of the set at <paramref name="threshold"/>, and overlapping phrases do not
    /// compete, since which one wins depends on thresholds the sweep has yet to choose.
    /// </summary>
    public EvalRun RunPermissive(CorpusManifest corpus, CorpusSet set, int threshold, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        var options = configured.WithPhrases(ForBand(set.Phrases, set.IsNarrowband, threshold));
        options.BestOfOverlappingPhrases = false;
        return Run(corpus, set, options, cancellationToken);
    }

    private EvalRun Run(CorpusManifest corpus, CorpusSet set, AnalysisOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(set);
        using var pool = SpotterPool.ForOptions(options, loggers.CreateLogger<SpotterPool>());
        var items = new EvalItemRun[set.Items.Count];
        Parallel.For(
            0,
            items.Length,
            new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancellationToken },
            i => items[i] = RunItem(corpus.PathOf(set.Items[i]), pool, options));
        var cpu = TimeSpan.Zero;
        foreach (var item in items)
        {
            cpu += item.Cpu;
        }

        return new EvalRun("edgecc", items, cpu, TimeSpan.Zero);
    }

    /// <summary>
    /// A set's phrases with the thresholds a leg of the set's band uses, quiet and noisy, in both bands' fields, so
    /// the detections' confidences and the calibration read one figure. <paramref name="all"/> overrides them all.
    /// </summary>
    public static List<Phrase> ForBand(IEnumerable<Phrase> phrases, bool narrowband, int? all = null)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        var band = narrowband ? SpottingBand.Narrowband : SpottingBand.Wideband;
        var list = new List<Phrase>();
        foreach (var p in phrases)
        {
            var quiet = all ?? p.ThresholdFor(band, noisy: false);
            var noisy = all ?? p.ThresholdFor(band, noisy: true);
            list.Add(p.WithThresholds(quiet, quiet, noisy, noisy));
        }

        return list;
    }

    /// <summary>Spots one mono file; detection times and report positions in seconds from its start.</summary>
    public static EvalItemRun RunItem(string path, SpotterPool pool, AnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(options);
        var wav = WavReader.Read(path);
        if (wav.Channels.Length != 1)
        {
            throw new InvalidDataException($"{path}: {wav.Channels.Length} channels; a corpus file is one leg (mono)");
        }

        var samples = wav.Channels[0];
        var rate = wav.SampleRate;
        var frame = rate / FramesPerSecond;
        var callId = Path.GetFileNameWithoutExtension(path);
        var spotted = new List<SpottedPhrase>();
        var detections = new List<Detection>();
        var found = new List<(Detection Detection, SpottedPhrase Spotted, double ReportedAt)>();
        var started = ThreadCpuClock.Now();
        var signals = new SignalCallAnalyzer(options.VoiceActivity, options.Prosody, options.Talk, options.Sentiment);
        var leg = new LegAnalysis(callId, Leg.Customer, pool, options.SpotSpeechOnly, options.HighPassHz) { Spotted = spotted.Add };
        for (var offset = 0; offset < samples.Length; offset += frame)
        {
            var count = Math.Min(frame, samples.Length - offset);
            var audio = new AudioFrame(callId, Leg.Customer, Seconds(offset, rate), samples.AsMemory(offset, count), rate);
            leg.Process(audio, signals, detections);
            Take(detections, spotted, (offset + count) / (double)rate, found);
        }

        leg.Finish(detections);
        Take(detections, spotted, samples.Length / (double)rate, found);
        var cpu = ThreadCpuClock.Now() - started;

        // Read once the leg is over: a detection's best margin can rise after its report.
        var evalDetections = found.ConvertAll(f => new EvalDetection(
            f.Detection.Phrase, f.Detection.Start.TotalSeconds, f.Detection.End.TotalSeconds, f.ReportedAt, f.Spotted.BestMargin, f.Spotted.Noisy));
        return new EvalItemRun(evalDetections, samples.Length / (double)rate, cpu) { SpeechToNoiseDb = signals.SpeechToNoiseDb(Leg.Customer) };
    }

    private static TimeSpan Seconds(long samples, int rate) => TimeSpan.FromTicks(samples * TimeSpan.TicksPerSecond / rate);

    /// <summary>Moves new detections, each with the spotted phrase <see cref="LegAnalysis.Spotted"/> saw just before it, to <paramref name="found"/>.</summary>
    private static void Take(List<Detection> detections, List<SpottedPhrase> spotted, double position, List<(Detection, SpottedPhrase, double)> found)
    {
        if (detections.Count != spotted.Count)
        {
            throw new InvalidOperationException($"{detections.Count} detections but {spotted.Count} spotted phrases");
        }

        for (var i = 0; i < detections.Count; i++)
        {
            found.Add((detections[i], spotted[i], position));
        }

        detections.Clear();
        spotted.Clear();
    }
}
