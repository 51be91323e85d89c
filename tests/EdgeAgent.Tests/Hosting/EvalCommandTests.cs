using System.Globalization;
using System.Text.Json;
using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Analysis.Evaluation;
using EdgeCc.Agent.Hosting;
using EdgeCc.Agent.Tests.Analysis;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace EdgeCc.Agent.Tests.Hosting;

public sealed class EvalCommandTests(ITestOutputHelper log)
{
    private static AnalysisOptions Configured() => SpeechFixtures.Options();

    [Fact]
    public void Librivox_phrases_are_all_found_on_16_kHz_at_their_aligned_times_and_nothing_else_is()
    {
        using var corpus = new EvalTestCorpus();
        var manifest = CorpusManifest.Load(corpus.Directory);
        var set = manifest.Sets.Single(s => s.Name == EvalTestCorpus.Wideband);

        var run = new EvalSpotting(Configured(), NullLoggerFactory.Instance, jobs: 2).Run(manifest, set, EvalSpotting.ForBand(set.Phrases, narrowband: false), CancellationToken.None);
        var score = EvalScorer.Score([.. set.Phrases.Select(p => p.Text)], run.Scored(set));

        Assert.Equal(new PhraseTally("overall", 11, 0, 0), score.Overall);
        Assert.Equal(EvalTestCorpus.PhraseCount, score.Phrases.Count);
        Assert.Equal(11, score.Latencies.Count);

        // A report comes -kws_delay (0.1 s) plus up to one 0.1 s slice after the phrase, or at the end of the file; a
        // little before the labelled end when the search settles on the last phone early ("in his power": -0.12 s).
        Assert.All(score.Latencies, l => Assert.InRange(l, -0.2, 0.5));
        // Each reported margin beat the phrase's threshold (it can be far above KWS_MAX, 66.7, on a clear phrase).
        Assert.All(run.Items.SelectMany(i => i.Detections), d => Assert.True(d.Margin >= -20.01, $"{d}"));
        Assert.Equal(set.Items.Sum(i => i.DurationSeconds), run.AudioSeconds, precision: 3);
    }

    [Fact]
    public void Eval_prints_a_row_per_phrase_and_the_overall_figures_beside_the_cli()
    {
        TestPaths.RequireFile("/usr/bin/pocketsphinx_continuous", "pocketsphinx");
        using var corpus = new EvalTestCorpus(files: 2);
        var json = Path.Combine(corpus.Directory, "figures.json");
        var output = new StringWriter(CultureInfo.InvariantCulture);

        var code = EvalCommand.Run(CommandLine.Parse(["eval", corpus.Directory, "--cli", "--json", json, .. Overrides(corpus)]), output, CancellationToken.None);

        log.WriteLine(output.ToString());
        Assert.Equal(Cli.ExitOk, code);
        var text = output.ToString();
        Assert.Contains("resampled to 16 kHz with edgecc's PolyphaseResampler", text, StringComparison.Ordinal);
        var lines = text.Split('\n');
        Assert.Equal(2, lines.Count(l => l.StartsWith("overall (FA/h per phrase)", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("mister john dashwood ", StringComparison.Ordinal) && l.Contains(" | ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  cli     precision", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  edgecc  precision 1.000 recall 1.000 F1 1.000, 0.00 false alarms", StringComparison.Ordinal) && l.Contains("latency median", StringComparison.Ordinal));

        using var figures = JsonDocument.Parse(File.ReadAllText(json));
        var runs = figures.RootElement.EnumerateArray().Select(e => (e.GetProperty("set").GetString(), e.GetProperty("run").GetString())).ToList();
        Assert.Equal([(EvalTestCorpus.Wideband, "edgecc"), (EvalTestCorpus.Wideband, "cli"), (EvalTestCorpus.Narrowband, "edgecc"), (EvalTestCorpus.Narrowband, "cli")], runs);
    }

    [Fact]
    public async Task Calibrate_writes_per_band_thresholds_that_config_validate_accepts()
    {
        using var corpus = new EvalTestCorpus(files: 3);
        var file = Path.Combine(corpus.Directory, "calibrated.json");

        var text = Calibrate(corpus, file);

        Assert.Contains("wideband quiet legs (speech-to-noise at least 22 dB) thresholds from librivox-wideband", text, StringComparison.Ordinal);
        Assert.Contains("narrowband quiet legs (speech-to-noise at least 22 dB) thresholds from librivox-narrowband", text, StringComparison.Ordinal);
        Assert.DoesNotContain("noisy legs (", text, StringComparison.Ordinal);
        Assert.Contains("  held-out half ", text, StringComparison.Ordinal);
        Assert.Contains("calibrated thresholds (a real run, not the sweep estimate)", text, StringComparison.Ordinal);

        using (var written = JsonDocument.Parse(File.ReadAllText(file)))
        {
            var phrases = written.RootElement.GetProperty("Analysis").GetProperty("Phrases").EnumerateArray().ToList();
            Assert.Equal(EvalTestCorpus.PhraseCount, phrases.Count);
            Assert.All(phrases, p =>
            {
                Assert.InRange(p.GetProperty("Threshold").GetInt32(), EvalCommand.DefaultPermissive, Phrase.StrictestThreshold);
                Assert.InRange(p.GetProperty("NarrowbandThreshold").GetInt32(), EvalCommand.DefaultPermissive, Phrase.StrictestThreshold);
            });
        }

        var data = Path.Combine(corpus.Directory, "data");
        var (exit, stdout, stderr) = await EdgeccProcess.RunAsync("--config", file, "config", "validate", "--Store:DataDirectory=" + data);
        Assert.True(exit == 0, stderr);
        Assert.StartsWith("OK: configuration is valid", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Calibration_on_noisy_legs_picks_the_noisy_thresholds_and_keeps_the_quiet_ones()
    {
        using var corpus = new EvalTestCorpus(files: 3);
        var file = Path.Combine(corpus.Directory, "calibrated.json");

        // LibriVox measures 26-43 dB: with the boundary above that every leg counts as noisy.
        var text = Calibrate(corpus, file, "--set", EvalTestCorpus.Wideband, "--Analysis:NoisyBelowSnrDb=50");

        Assert.Contains("wideband noisy legs (speech-to-noise below 50 dB) thresholds from librivox-wideband", text, StringComparison.Ordinal);
        Assert.DoesNotContain("quiet legs (", text, StringComparison.Ordinal);
        Assert.Contains("3 of 3 noisy (below 50 dB)", text, StringComparison.Ordinal);
        using var written = JsonDocument.Parse(File.ReadAllText(file));
        var analysis = written.RootElement.GetProperty("Analysis");
        Assert.Equal(50, analysis.GetProperty("NoisyBelowSnrDb").GetInt32());
        Assert.Equal(new AnalysisOptions().HighPassHz, analysis.GetProperty("HighPassHz").GetInt32());
        var manifest = CorpusManifest.Load(corpus.Directory).Sets.Single(s => s.Name == EvalTestCorpus.Wideband).Phrases;
        foreach (var (p, configured) in analysis.GetProperty("Phrases").EnumerateArray().Zip(manifest))
        {
            Assert.Equal(configured.Threshold, p.GetProperty("Threshold").GetInt32());
            Assert.InRange(p.GetProperty("NoisyThreshold").GetInt32(), EvalCommand.DefaultPermissive, Phrase.StrictestThreshold);
        }

        Assert.Contains(analysis.GetProperty("Phrases").EnumerateArray(), p => p.GetProperty("NoisyThreshold").GetInt32() != p.GetProperty("Threshold").GetInt32());
    }

    [Fact]
    public void The_cli_reports_a_transcript_phrase_at_its_aligned_time_and_its_output_parses()
    {
        TestPaths.RequireFile("/usr/bin/pocketsphinx_continuous", "pocketsphinx");
        const string id = "sense_and_sensibility_01_austen_64kb-0890";
        var wav = TestPaths.Shared($"speech/pocketsphinx/librivox/{id}.wav");
        using var cli = new SphinxCliRunner(Configured(), jobs: 1);
        var keyphrases = Path.Combine(Path.GetTempPath(), $"edgecc-eval-test-{Environment.ProcessId}.kws");
        File.WriteAllText(keyphrases, "rather selfish\nspeak to a manager\n");
        try
        {
            var (stdout, cpu) = cli.Decode(wav, keyphrases, CancellationToken.None);
            log.WriteLine(stdout);

            var parsed = SphinxCliOutput.Parse(stdout, ["rather selfish", "speak to a manager"]);

            var hit = Assert.Single(parsed.Detections);
            var (start, end) = SpeechFixtures.AlignedTimes(id, "rather selfish");
            Assert.Equal("rather selfish", hit.Phrase);
            Assert.InRange(hit.Start, start - 0.5, start + 0.5);
            Assert.InRange(hit.End, end - 0.5, end + 0.5);
            Assert.Equal(0, parsed.UnknownLines);
            Assert.True(cpu > TimeSpan.Zero);
        }
        finally
        {
            File.Delete(keyphrases);
        }
    }

    [Theory]
    [InlineData(new[] { "eval" }, "eval needs a corpus")]
    [InlineData(new[] { "eval", "DIR", "--cli", "--no-cli" }, "not both")]
    [InlineData(new[] { "eval", "DIR", "--budget", "2" }, "go with --calibrate")]
    [InlineData(new[] { "eval", "DIR", "--calibrate", "--permissive", "-90" }, "--permissive")]
    [InlineData(new[] { "eval", "DIR", "extra" }, "unexpected argument 'extra'")]
    [InlineData(new[] { "eval", "DIR", "--calibrate", "--thresholds", "f.json" }, "give one")]
    public void Bad_eval_arguments_are_refused_with_the_reason(string[] args, string reason)
    {
        var error = Assert.Throws<CommandLineException>(() => EvalSettings.From(CommandLine.Parse(args)));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_file_may_follow_the_flag_or_be_given_with_an_equals_sign()
    {
        Assert.Equal("f.json", EvalSettings.From(CommandLine.Parse(["eval", "DIR", "--json", "f.json"])).JsonFile);
        Assert.Equal("g.json", EvalSettings.From(CommandLine.Parse(["eval", "DIR", "--json=g.json", "--set", "a,b"])).JsonFile);
        Assert.Equal(["a", "b"], EvalSettings.From(CommandLine.Parse(["eval", "DIR", "--set", "a,b"])).Sets);
    }

    [Fact]
    public void Thresholds_from_a_calibrated_file_replace_the_manifest_ones_by_phrase_text()
    {
        using var corpus = new EvalTestCorpus(files: 1);
        var file = Path.Combine(corpus.Directory, "thresholds.json");
        var calibratedWith = new AnalysisOptions { Pronunciations = { ["can't"] = ["K AA N T"] } };
        CalibratedConfig.Write(file, [new Phrase { Text = "Mister John  Dashwood", Category = "x", Threshold = -33, NarrowbandThreshold = -44, NoisyThreshold = -11, NarrowbandNoisyThreshold = -22 }], calibratedWith);
        var manifest = CorpusManifest.Load(corpus.Directory);

        var sets = EvalSettings.From(CommandLine.Parse(["eval", corpus.Directory, "--thresholds", file])).Select(manifest);

        var phrases = sets[0].Phrases;
        Assert.Equal((-33, -44, -11, -22), (phrases[0].Threshold, phrases[0].NarrowbandThreshold, phrases[0].NoisyThreshold, phrases[0].NarrowbandNoisyThreshold));
        Assert.Equal("mister john dashwood", phrases[0].Text);
        Assert.Equal((-20, null), (phrases[1].Threshold, phrases[1].NarrowbandThreshold));
        var narrowband = EvalSpotting.ForBand(sets[1].Phrases, narrowband: true)[0];
        Assert.Equal((-44, -22), (narrowband.Threshold, narrowband.NoisyThreshold));
        using var written = JsonDocument.Parse(File.ReadAllText(file));
        Assert.Equal("K AA N T", written.RootElement.GetProperty("Analysis").GetProperty("Pronunciations").GetProperty("can't")[0].GetString());
    }

    /// <summary>Runs <c>eval --calibrate --no-cli --out FILE</c> on the corpus, checks that it succeeded, and returns what it printed.</summary>
    private string Calibrate(EvalTestCorpus corpus, string file, params string[] extra)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var code = EvalCommand.Run(CommandLine.Parse(["eval", corpus.Directory, "--calibrate", "--no-cli", "--out", file, .. extra, .. Overrides(corpus)]), output, CancellationToken.None);
        log.WriteLine(output.ToString());
        Assert.Equal(Cli.ExitOk, code);
        return output.ToString();
    }

    private static string[] Overrides(EvalTestCorpus corpus) =>
    [
        "--Analysis:ModelDirectory=" + SpeechFixtures.ModelDirectory,
        "--Analysis:DictionaryPath=" + SpeechFixtures.DictionaryPath,
        "--Store:DataDirectory=" + Path.Combine(corpus.Directory, "data"),
    ];
}
