using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Audio;
using EdgeCc.Agent.Tests.Uplink;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeCc.Agent.Tests.Analysis;

public sealed class NarrowbandSpottingTests
{
    private const string Leg0870 = "sense_and_sensibility_01_austen_64kb-0870";

    private static readonly string[] s_phrases =
        ["mister john dashwood", "consider how much", "in his power", "amiable woman", "still more respectable", "speak to a manager"];

    /// <summary>A LibriVox file as a phone leg delivers it: 8 kHz, through G.711 mu-law and back.</summary>
    private static short[] PhoneLeg(string id)
    {
        var wide = SpeechFixtures.ReadWav(SpeechFixtures.Librivox(id));
        var down = new PolyphaseResampler(16_000, 8_000);
        var narrow = new short[down.MaxOutput(wide.Length)];
        var count = down.Process(wide, narrow);
        var codes = new byte[count];
        G711.LinearToMuLaw(narrow.AsSpan(0, count), codes);
        var decoded = new short[count];
        G711.MuLawToLinear(codes, decoded);
        return decoded;
    }

    private static List<Detection> AnalysePhoneLeg(AnalysisOptions options, string id)
    {
        using var pool = new SpotterPool(new TestOptionsMonitor<AnalysisOptions>(options), NullLogger<SpotterPool>.Instance);
        return SpeechFixtures.AnalyseLeg(pool, options, PhoneLeg(id), 8_000).Detections;
    }

    private static AnalysisOptions Unadapted()
    {
        var options = SpeechFixtures.Options(s_phrases);
        options.Narrowband.MllrPath = "";
        options.Narrowband.CepstralMeanPath = "";
        return options;
    }

    [Theory]
    [InlineData(Leg0870, new[] { "mister john dashwood", "consider how much", "in his power" })]
    [InlineData("sense_and_sensibility_01_austen_64kb-0920", new[] { "amiable woman", "still more respectable" })]
    public void A_g711_leg_is_spotted_more_surely_with_the_narrowband_adaptation(string id, string[] spoken)
    {
        var unadapted = AnalysePhoneLeg(Unadapted(), id);
        var adapted = AnalysePhoneLeg(SpeechFixtures.Options(s_phrases), id);

        // Measured: the model's wideband CMN start and no transform found these phrases at confidence 0.51-0.86 once
        // the leg's own mean was learnt (before the spotter's warm-up, none of 0870's); adapted, 0.69-1.00.
        foreach (var phrase in spoken)
        {
            var (start, end) = SpeechFixtures.AlignedTimes(id, phrase);
            var hit = Assert.Single(adapted, d => d.Phrase == phrase);
            Assert.InRange(hit.Start.TotalSeconds, start - 0.5, start + 0.5);
            Assert.InRange(hit.End.TotalSeconds, end - 0.5, end + 0.5);
            var without = unadapted.Where(d => d.Phrase == phrase).Select(d => d.Confidence).DefaultIfEmpty(0).Max();
            Assert.True(hit.Confidence > without, $"'{phrase}': {hit.Confidence:0.000} adapted, {without:0.000} without");
        }

        Assert.All(adapted, d => Assert.Contains(d.Phrase, spoken));
    }

    [Fact]
    public void A_wideband_leg_is_decoded_without_the_narrowband_settings()
    {
        var options = SpeechFixtures.Options(s_phrases);
        options.Narrowband.MllrPath = "/nonexistent/mllr_matrix";
        using var pool = new SpotterPool(new TestOptionsMonitor<AnalysisOptions>(options), NullLogger<SpotterPool>.Instance);

        var found = SpeechFixtures.AnalyseLeg(pool, options, SpeechFixtures.ReadWav(SpeechFixtures.Librivox(Leg0870)), 16_000).Detections;

        Assert.Contains(found, d => d.Phrase == "mister john dashwood");
        var error = Assert.Throws<FileNotFoundException>(() => pool.Rent(8_000));
        Assert.StartsWith("Analysis:Narrowband:MllrPath '/nonexistent/mllr_matrix' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Idle_decoders_are_kept_per_band()
    {
        using var pool = new SpotterPool(new TestOptionsMonitor<AnalysisOptions>(SpeechFixtures.Options(s_phrases)), NullLogger<SpotterPool>.Instance);
        var narrow = pool.Rent(8_000);
        pool.Return(narrow);

        var wide = pool.Rent(16_000);
        var narrowAgain = pool.Rent(8_000);

        Assert.NotSame(narrow, wide);
        Assert.Same(narrow, narrowAgain);
        Assert.Equal(SpottingBand.Narrowband, ((PocketSphinxSpotter)narrow).Model.Band);
        Assert.Equal(SpottingBand.Wideband, ((PocketSphinxSpotter)wide).Model.Band);
        Assert.Equal(2, pool.Created);
        pool.Return(wide);
        pool.Return(narrowAgain);
    }

    [Fact]
    public void A_model_searches_at_the_looser_of_its_bands_quiet_and_noisy_thresholds()
    {
        var options = SpeechFixtures.Options("speak to a manager", "cancel my account");
        options.Phrases[0].NarrowbandThreshold = -35;
        options.Phrases[0].NarrowbandNoisyThreshold = 10;
        options.Phrases[1].NoisyThreshold = -50;

        using var narrow = KeywordModel.Create(options, SpottingBand.Narrowband);
        using var wide = KeywordModel.Create(options, SpottingBand.Wideband);

        Assert.Equal(["speak to a manager /1e-35/", "cancel my account /1e-20/"], File.ReadAllLines(narrow.KeyphrasePath));
        Assert.Equal(["speak to a manager /1e-20/", "cancel my account /1e-50/"], File.ReadAllLines(wide.KeyphrasePath));
        Assert.Equal((-35, 10), (narrow.ThresholdOf(options.Phrases[0], noisy: false), narrow.ThresholdOf(options.Phrases[0], noisy: true)));
        Assert.Equal((-20, -20), (narrow.ThresholdOf(options.Phrases[1], noisy: false), narrow.ThresholdOf(options.Phrases[1], noisy: true)));
        Assert.Equal((-20, -50), (wide.ThresholdOf(options.Phrases[1], noisy: false), wide.ThresholdOf(options.Phrases[1], noisy: true)));
        Assert.Equal((false, true, false), (wide.IsNoisy(null), wide.IsNoisy(21.9), wide.IsNoisy(22)));
        Assert.Contains("-mllr", narrow.DecoderArguments);
        Assert.Equal(["-kws_plp", "1e-1"], wide.DecoderArguments);
        Assert.NotNull(narrow.InitialCepstralMean);
        Assert.Null(wide.InitialCepstralMean);
    }

    [Fact]
    public void Missing_narrowband_files_are_reported_with_their_keys()
    {
        var options = SpeechFixtures.Options("speak to a manager");
        options.Narrowband.MllrPath = "/nonexistent/mllr_matrix";
        options.Narrowband.CepstralMeanPath = "/nonexistent/cmninit";

        var result = new AnalysisOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Collection(
            result.Failures!,
            f => Assert.StartsWith("Analysis:Narrowband:MllrPath '/nonexistent/mllr_matrix' does not exist", f, StringComparison.Ordinal),
            f => Assert.StartsWith("Analysis:Narrowband:CepstralMeanPath '/nonexistent/cmninit' does not exist", f, StringComparison.Ordinal));
    }

    [Fact]
    public void A_malformed_cepstral_mean_file_is_reported_with_its_key_and_the_bad_value()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "41.0,-5.3,zero,5.1\n");
            var options = SpeechFixtures.Options("speak to a manager");
            options.Narrowband.CepstralMeanPath = path;

            var failure = Assert.Single(new AnalysisOptionsValidator().Validate(null, options).Failures!);

            Assert.Equal($"Analysis:Narrowband:CepstralMeanPath '{path}': value 3 'zero' is not a number (expected 13 comma-separated numbers)", failure);

            File.WriteAllText(path, "41.0,-5.3\n");
            failure = Assert.Single(new AnalysisOptionsValidator().Validate(null, options).Failures!);
            Assert.Equal($"Analysis:Narrowband:CepstralMeanPath '{path}' has 2 values; the model's cepstra have 13", failure);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Empty_narrowband_paths_turn_the_adaptation_off()
    {
        var options = Unadapted();

        Assert.False(new AnalysisOptionsValidator().Validate(null, options).Failed);
        using var model = KeywordModel.Create(options, SpottingBand.Narrowband);
        Assert.Equal(["-kws_plp", "1e-1"], model.DecoderArguments);
        Assert.Null(model.InitialCepstralMean);
    }
}
