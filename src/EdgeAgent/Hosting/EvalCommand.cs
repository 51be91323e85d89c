using System.Globalization;
using System.Text.Json;
using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Analysis.Evaluation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// <c>edgecc eval CORPUS_DIR</c>: runs a labelled corpus (CORPUS-FORMAT.md) through the service's spotting path and
/// Debian's <c>pocketsphinx_continuous -kws</c>, and prints per set and phrase precision, recall, F1, false alarms per
/// hour, detection latency and CPU. <c>--calibrate</c> picks per-phrase thresholds per band under a false-alarm
/// budget, writes them as a configuration file and runs the corpus again with them.
/// </summary>
internal static class EvalCommand
{
    /// <summary>The threshold of the one permissive run calibration sweeps from (measured affordable, see the report).</summary>
    public const int DefaultPermissive = -60;

    public const double DefaultBudget = 1.0;

    public const string DefaultOut = "edgecc-calibrated.json";

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static int Run(CommandLine command, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(output);
        var settings = EvalSettings.From(command);
        var overrides = new Dictionary<string, string?>(command.Overrides, StringComparer.OrdinalIgnoreCase);
        var scratch = Path.Combine(Path.GetTempPath(), "edgecc-eval-" + Environment.ProcessId);
        overrides.TryAdd("Store:DataDirectory", scratch);
        overrides.TryAdd("Web:Enabled", "false");
        try
        {
            return Run(settings, command, overrides, output, cancellationToken);
        }
        finally
        {
            // The host wants a data directory; eval stores nothing in it.
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    private static int Run(EvalSettings settings, CommandLine command, Dictionary<string, string?> overrides, TextWriter output, CancellationToken cancellationToken)
    {
        using var host = Program.BuildHost(new HostSettings { ConfigFile = command.Get("config"), Overrides = overrides, MinimumLogLevel = LogLevel.Warning });
        var analysis = host.Services.GetRequiredService<IOptions<AnalysisOptions>>().Value;
        var corpus = CorpusManifest.Load(settings.Corpus);
        var sets = settings.Select(corpus);
        var useCli = settings.Cli ?? SphinxCliRunner.Installed();
        if (useCli && !SphinxCliRunner.Installed())
        {
            throw new CommandLineException($"--cli: {SphinxCliRunner.Program} is not installed (apt-get install -y {SphinxCliRunner.Package})");
        }

        var files = sets.Sum(s => s.Items.Count);
        output.WriteLine(string.Create(C, $"edgecc eval {settings.Corpus}: {sets.Count} sets, {files} files{(settings.Every > 1 ? $" (every {settings.Every}th file of each set)" : "")} ({corpus.Generator ?? "no generator"})"));
        output.WriteLine($"edgecc: LegAnalysis per file (one leg, 20 ms frames at the file's rate, voice-activity gating {(analysis.SpotSpeechOnly ? "on" : "off")}), model {analysis.ModelDirectory}, {settings.Jobs} files at a time");
        output.WriteLine("latency: audio position of the leg when LegAnalysis returned the detection minus the labelled phrase end (algorithmic: queueing and compute time not included)");
        output.WriteLine("CPU: thread CPU of the analysis (voice activity, prosody, resampling, spotting, decoder creation) per second of audio");
        output.WriteLine(useCli
            ? $"cli: {SphinxCliRunner.Program} -kws (no per-phrase thresholds: its default), same -hmm, -dict {analysis.DictionaryPath}; narrowband files resampled to 16 kHz with edgecc's PolyphaseResampler into temporary WAVs; CPU is the child processes' user+system time"
            : "cli: skipped" + (settings.Cli == false ? " (--no-cli)" : $" ({SphinxCliRunner.Program} not installed: apt-get install -y {SphinxCliRunner.Package})"));

        var loggers = host.Services.GetRequiredService<ILoggerFactory>();
        var spotting = new EvalSpotting(analysis, loggers, settings.Jobs);
        using var cli = useCli ? new SphinxCliRunner(analysis, settings.Jobs) : null;
        var figures = new List<EvalFigures>();
        using var detections = settings.DetectionsFile is { } tsv ? new StreamWriter(tsv) : null;
        detections?.WriteLine("set\trun\tfile\tphrase\tstart\tend\treported_at\tmargin\tmatch\tleg");
        if (settings.Calibrate)
        {
            Calibrate(output, settings, corpus, sets, spotting, cli, figures, detections, cancellationToken);
        }
        else
        {
            foreach (var set in sets)
            {
                var ours = spotting.Run(corpus, set, EvalSpotting.ForBand(set.Phrases, set.IsNarrowband), cancellationToken);
                var source = settings.ThresholdsFile is null ? "thresholds from the manifest" : "thresholds from " + settings.ThresholdsFile;
                WriteSet(output, corpus, set, source, "edgecc", ours, cli, figures, detections, analysis, cancellationToken);
            }
        }

        if (settings.JsonFile is { } json)
        {
            File.WriteAllText(json, JsonSerializer.Serialize(figures, Json));
            output.WriteLine();
            output.WriteLine($"figures written to {json}");
        }

        return Cli.ExitOk;
    }

    /// <summary>One TSV row per detection: set, run, file, phrase, start, end, reported at, margin, TP or FA, quiet or noisy leg.</summary>
    private static void WriteDetections(TextWriter? detections, CorpusSet set, string label, List<(int Item, EvalDetection Detection, bool Matched)>? outcomes)
    {
        if (detections is null || outcomes is null)
        {
            return;
        }

        foreach (var (item, d, matched) in outcomes)
        {
            detections.WriteLine(string.Create(C, $"{set.Name}\t{label}\t{set.Items[item].File}\t{d.Phrase}\t{d.Start:0.00}\t{d.End:0.00}\t{d.ReportedAt:0.00}\t{d.Margin:0.0}\t{(matched ? "TP" : "FA")}\t{(d.Noisy ? "noisy" : "quiet")}"));
        }
    }

    private static void WriteSet(TextWriter output, CorpusManifest corpus, CorpusSet set, string thresholds, string label, EvalRun ours, SphinxCliRunner? cli, List<EvalFigures> figures, TextWriter? detections, AnalysisOptions analysis, CancellationToken cancellationToken)
    {
        var texts = set.Phrases.Select(p => p.Text).ToList();
        var outcomes = detections is null ? null : new List<(int Item, EvalDetection Detection, bool Matched)>();
        var ourScore = EvalScorer.Score(texts, ours.Scored(set), outcomes);
        WriteDetections(detections, set, label, outcomes);
        figures.Add(EvalFigures.From(set, label, ourScore, set.Items.Count, ours));
        EvalRun? cliRun = null;
        SetScore? cliScore = null;
        if (cli is not null)
        {
            cliRun = cli.Run(corpus, set, cancellationToken);
            outcomes?.Clear();
            cliScore = EvalScorer.Score(texts, cliRun.Scored(set), outcomes);
            WriteDetections(detections, set, "cli", outcomes);
            figures.Add(EvalFigures.From(set, "cli", cliScore, set.Items.Count, cliRun));
        }

        var title = string.Create(C, $"== set {set.Name} ({set.Band}, {set.Items.Count} files, {ourScore.Hours:0.000} h, {set.Phrases.Count} phrases): {thresholds}");
        EvalReport.WriteSet(output, title, ourScore, ours, cliScore, cliRun);
        output.WriteLine(EvalReport.SpeechToNoise(ours, analysis));
    }

    private static void Calibrate(TextWriter output, EvalSettings settings, CorpusManifest corpus, List<CorpusSet> sets, EvalSpotting spotting, SphinxCliRunner? cli, List<EvalFigures> figures, TextWriter? detections, CancellationToken cancellationToken)
    {
        output.WriteLine();
        output.WriteLine(string.Create(C, $"calibration: one run at threshold {settings.Permissive} for every phrase, thresholds {settings.Permissive}..{ThresholdCalibrator.Strictest} swept over its detection margins on the calibration half of each set (half the voices, alternately in name order; the other voices held out; by even/odd file with fewer than 2 voices); budget {settings.Budget:0.##} false alarms per phrase per hour on each set, pooled over the phrases of a band; per band and leg condition: wideband -> Threshold (quiet legs) and NoisyThreshold, narrowband -> NarrowbandThreshold and NarrowbandNoisyThreshold"));
        var permissive = new Dictionary<string, EvalRun>(StringComparer.Ordinal);
        foreach (var set in sets)
        {
            var run = spotting.RunPermissive(corpus, set, settings.Permissive, cancellationToken);
            permissive[set.Name] = run;
            output.WriteLine(string.Create(C, $"  permissive run {set.Name}: {run.Items.Sum(i => i.Detections.Count)} detections, CPU {run.CpuPerAudioSecond:0.0000} s per audio s"));
        }

        // Per band and leg condition, the phrase (normalised text) -> its choice. A file counts as a noisy leg when it
        // ended noisy; of its detections only those reported under that condition are evidence for its thresholds.
        var analysis = spotting.Configured;
        var chosen = new Dictionary<(bool Narrowband, bool Noisy), Dictionary<string, ThresholdChoice>>();
        foreach (var (narrowband, noisy) in new[] { (false, false), (false, true), (true, false), (true, true) })
        {
            var band = narrowband ? SpottingBand.Narrowband : SpottingBand.Wideband;
            var bandSets = sets.Where(s => s.IsNarrowband == narrowband).ToList();
            bool Takes(EvalItemRun item) => analysis.IsNoisy(item.SpeechToNoiseDb) == noisy;
            var inputs = new Dictionary<string, CalibrationInput>(StringComparer.Ordinal);
            var configured = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var phrase in bandSets.SelectMany(s => s.Phrases))
            {
                var key = PronunciationDictionary.Normalize(phrase.Text);
                if (inputs.ContainsKey(key))
                {
                    continue;
                }

                var items = bandSets
                    .Where(s => s.Phrases.Any(p => PronunciationDictionary.Normalize(p.Text) == key))
                    .SelectMany(s => permissive[s.Name].Scored(s, CalibrationSplit.Calibration, Takes))
                    .Select(i => i with { Detections = [.. i.Detections.Where(d => d.Noisy == noisy)] })
                    .ToList();
                var current = phrase.ThresholdFor(band, noisy);
                inputs[key] = new CalibrationInput(phrase.Text, items, current);
                configured[phrase.Text] = current;
            }

            if (inputs.Values.All(i => i.Items.Count == 0))
            {
                continue;
            }

            var picked = ThresholdCalibrator.ChooseTogether([.. inputs.Values], settings.Budget, settings.Permissive);
            var choices = inputs.Keys.Zip(picked).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
            chosen[(narrowband, noisy)] = choices;
            var legs = string.Create(C, $"{(narrowband ? "narrowband" : "wideband")} {(noisy ? "noisy" : "quiet")} legs (speech-to-noise {(noisy ? "below" : "at least")} {analysis.NoisyBelowSnrDb} dB)");
            EvalReport.WriteCalibration(output, legs, [.. bandSets.Select(s => s.Name)], [.. choices.Values], configured, settings.Budget);
        }

        int ThresholdOf(CorpusSet set, EvalDetection d)
            => chosen.TryGetValue((set.IsNarrowband, d.Noisy), out var choices) && choices.TryGetValue(PronunciationDictionary.Normalize(d.Phrase), out var choice)
                ? choice.Threshold
                : ThresholdCalibrator.Strictest;

        output.WriteLine();
        output.WriteLine("sweep estimate (the permissive run's detections with margin >= the chosen threshold of their leg's condition):");
        foreach (var set in sets)
        {
            output.WriteLine($"  {set.Name} (calibration voices {string.Join(", ", CalibrationSplit.Voices(set, 0))}; held out {string.Join(", ", CalibrationSplit.Voices(set, 1))})");
            WriteHalves(output, figures, set, "", "sweep-estimate-", half => permissive[set.Name].Scored(set, half)
                .Select(i => i with { Detections = [.. i.Detections.Where(d => d.Margin >= ThresholdOf(set, d))] })
                .ToList());
        }

        var calibrated = CalibratedPhrases(sets, chosen);
        CalibratedConfig.Write(settings.Out, calibrated, spotting.Configured);
        output.WriteLine();
        output.WriteLine($"wrote {settings.Out} ({calibrated.Count} phrases); use it with: edgecc --config {settings.Out} ...");
        CheckConfig(settings.Out);
        output.WriteLine($"checked: edgecc --config {settings.Out} config validate accepts it");

        var byText = calibrated.ToDictionary(p => PronunciationDictionary.Normalize(p.Text), StringComparer.Ordinal);
        foreach (var set in sets)
        {
            var phrases = set.Phrases.Select(p => byText[PronunciationDictionary.Normalize(p.Text)]).ToList();
            var run = spotting.Run(corpus, set, EvalSpotting.ForBand(phrases, set.IsNarrowband), cancellationToken);
            WriteSet(output, corpus, set, "calibrated thresholds (a real run, not the sweep estimate)", "edgecc-calibrated", run, cli, figures, detections, analysis, cancellationToken);
            WriteHalves(output, figures, set, "edgecc ", "edgecc-calibrated-", half => run.Scored(set, half));
        }
    }

    /// <summary>The brief score of each <see cref="CalibrationSplit"/> half of <paramref name="set"/>, printed and kept as figures.</summary>
    private static void WriteHalves(TextWriter output, List<EvalFigures> figures, CorpusSet set, string linePrefix, string figurePrefix, Func<int, List<ScoredItem>> itemsOf)
    {
        var texts = set.Phrases.Select(p => p.Text).ToList();
        foreach (var (half, label) in new[] { (CalibrationSplit.Calibration, "calibration half"), (CalibrationSplit.HeldOut, "held-out half") })
        {
            var items = itemsOf(half);
            var score = EvalScorer.Score(texts, items);
            output.WriteLine(EvalReport.Brief(linePrefix + label, score));
            figures.Add(EvalFigures.From(set, figurePrefix + label.Replace(' ', '-'), score, items.Count, null));
        }
    }

    /// <summary>Every phrase of the sets (first entry per text) with the chosen thresholds: per band, quiet and noisy.</summary>
    private static List<Phrase> CalibratedPhrases(List<CorpusSet> sets, Dictionary<(bool Narrowband, bool Noisy), Dictionary<string, ThresholdChoice>> chosen)
    {
        var phrases = new List<Phrase>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var phrase in sets.SelectMany(s => s.Phrases))
        {
            var key = PronunciationDictionary.Normalize(phrase.Text);
            if (!seen.Add(key))
            {
                continue;
            }

            int? Chosen(bool narrowband, bool noisy)
                => chosen.TryGetValue((narrowband, noisy), out var choices) && choices.TryGetValue(key, out var choice) ? choice.Threshold : null;

            phrases.Add(phrase.WithThresholds(
                Chosen(false, false) ?? phrase.Threshold,
                Chosen(true, false) ?? phrase.NarrowbandThreshold,
                Chosen(false, true) ?? phrase.NoisyThreshold,
                Chosen(true, true) ?? phrase.NarrowbandNoisyThreshold));
        }

        return phrases;
    }

    /// <summary>Loads the written file as <c>edgecc --config FILE config validate</c> does; throws what that would print.</summary>
    private static void CheckConfig(string file)
    {
        using var host = Program.BuildHost(new HostSettings
        {
            ConfigFile = file,
            Overrides = new Dictionary<string, string?>
            {
                ["Store:DataDirectory"] = Path.Combine(Path.GetTempPath(), "edgecc-eval-" + Environment.ProcessId),
                ["Web:Enabled"] = "false",
            },
            MinimumLogLevel = LogLevel.Warning,
        });
        _ = host.Services.GetRequiredService<IOptions<AnalysisOptions>>().Value;
    }
}
