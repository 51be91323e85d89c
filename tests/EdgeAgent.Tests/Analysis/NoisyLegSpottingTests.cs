using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Audio;
using EdgeCc.Agent.Tests.Uplink;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;
using static EdgeCc.Agent.Tests.Analysis.SignalTestAudio;

namespace EdgeCc.Agent.Tests.Analysis;

/// <summary>
/// A leg's voice activity measures its speech over its noise; a leg below Analysis:NoisyBelowSnrDb is held to its
/// phrases' noisy thresholds. Real LibriVox speech, real pink noise mixed in, decoded by PocketSphinx.
/// </summary>
public sealed class NoisyLegSpottingTests(ITestOutputHelper output)
{
    private const string Id = "sense_and_sensibility_01_austen_64kb-0870";
    private const string Text = "mister john dashwood";

    [Fact]
    public void A_noisy_leg_is_held_to_the_noisy_threshold_and_a_quiet_leg_to_the_quiet_one()
    {
        var clean = SpeechFixtures.ReadWav(SpeechFixtures.Librivox(Id));
        var lead = Rate * 2;
        var noisy = Mix(ToPcm(PinkNoise(clean.Length + lead, seed: 5), RmsDbfs(clean) - 14), Concat(new short[lead], clean));

        var quietLeg = Analyse(Options(noisyThreshold: Phrase.StrictestThreshold), clean);
        var strictNoisyLeg = Analyse(Options(noisyThreshold: Phrase.StrictestThreshold), noisy);
        var noisyLeg = Analyse(Options(noisyThreshold: -20), noisy);

        output.WriteLine($"quiet: {quietLeg.Snr:0.0} dB {Describe(quietLeg.Spotted)}; noisy: {noisyLeg.Snr:0.0} dB {Describe(noisyLeg.Spotted)}");
        Assert.True(quietLeg.Snr >= new AnalysisOptions().NoisyBelowSnrDb, $"{quietLeg.Snr} dB");
        Assert.InRange(noisyLeg.Snr ?? 0, 10, 20);
        var quietHit = Assert.Single(quietLeg.Spotted);
        Assert.False(quietHit.Noisy);
        Assert.Empty(strictNoisyLeg.Spotted);
        var noisyHit = Assert.Single(noisyLeg.Spotted);
        Assert.True(noisyHit.Noisy);
        Assert.Equal(Text, noisyHit.Phrase.Text);
    }

    [Theory]
    [InlineData(16_000)]
    [InlineData(8_000)]
    public void Mains_hum_under_a_leg_is_filtered_out_before_voice_activity_and_the_spotter_hear_it(int rate)
    {
        var clean = SpeechFixtures.ReadWav(SpeechFixtures.Librivox(Id));
        var hum = Mix(Sine(50, clean.Length / (double)Rate, 1), Sine(100, clean.Length / (double)Rate, 1));
        var humLevel = RmsDbfs(clean) - 18;
        var humming = Mix(clean, Gain(hum, humLevel - RmsDbfs(hum)));
        if (rate != Rate)
        {
            humming = PhoneLeg(humming);
        }

        var filtered = Analyse(Options(noisyThreshold: Phrase.StrictestThreshold), humming, rate);
        var unfilteredOptions = Options(noisyThreshold: Phrase.StrictestThreshold);
        unfilteredOptions.HighPassHz = 0;
        var unfiltered = Analyse(unfilteredOptions, humming, rate);

        output.WriteLine($"{rate} Hz, hum 18 dB under the speech: filtered {filtered.Snr:0.0} dB {Describe(filtered.Spotted)}; unfiltered {unfiltered.Snr:0.0} dB {Describe(unfiltered.Spotted)}");
        Assert.True(filtered.Snr >= new AnalysisOptions().NoisyBelowSnrDb, $"{filtered.Snr} dB");
        Assert.False(Assert.Single(filtered.Spotted).Noisy);
        Assert.True(unfiltered.Snr < new AnalysisOptions().NoisyBelowSnrDb, $"{unfiltered.Snr} dB");
        Assert.Empty(unfiltered.Spotted);
    }

    [Fact]
    public void A_spotter_given_back_to_the_pool_forgets_the_last_legs_noise()
    {
        using var model = KeywordModel.Create(Options(noisyThreshold: Phrase.StrictestThreshold));
        using var spotter = new PocketSphinxSpotter(model);
        var clean = SpeechFixtures.ReadWav(SpeechFixtures.Librivox(Id));

        spotter.SpeechToNoiseDb = 10;
        var noisy = SpeechFixtures.Spot(spotter, clean);
        var next = SpeechFixtures.Spot(spotter, clean);

        Assert.Empty(noisy);
        Assert.Null(spotter.SpeechToNoiseDb);
        Assert.Equal(Text, Assert.Single(next).Phrase.Text);
    }

    [Theory]
    [InlineData(10, 40, false)]
    [InlineData(40, 10, true)]
    public void A_phrase_is_held_to_the_condition_the_leg_was_in_when_it_was_said(double during, double after, bool found)
    {
        using var model = KeywordModel.Create(Options(noisyThreshold: Phrase.StrictestThreshold));
        using var spotter = new PocketSphinxSpotter(model);
        var speech = SpeechFixtures.ReadWav(SpeechFixtures.Librivox(Id));
        var (_, end) = SpeechFixtures.AlignedTimes(Id, Text);
        var said = (int)((end + 0.05) * PocketSphinxSpotter.SampleRate);
        var spotted = new List<SpottedPhrase>();

        // The ratio moves on while the utterance (and the phrase's detection in it) lasts: the phrase was said in the
        // first condition, and the second must neither report it late nor take it back.
        spotter.SpeechToNoiseDb = during;
        spotter.Process(speech.AsSpan(0, said), spotted);
        spotter.SpeechToNoiseDb = after;
        spotter.Process(speech.AsSpan(said), spotted);
        spotter.EndSegment(spotted);

        output.WriteLine(Describe(spotted));
        Assert.Equal(found, spotted.Any(p => p.Phrase.Text == Text));
    }

    private static AnalysisOptions Options(int noisyThreshold)
    {
        var options = SpeechFixtures.Options(Text);
        options.Phrases[0].NoisyThreshold = noisyThreshold;
        options.Phrases[0].NarrowbandNoisyThreshold = noisyThreshold;
        return options;
    }

    private static string Describe(List<SpottedPhrase> spotted)
        => string.Join(", ", spotted.Select(s => $"{s.Phrase.Text} margin {s.Margin:0.0} {(s.Noisy ? "noisy" : "quiet")}"));

    private static (double? Snr, List<SpottedPhrase> Spotted) Analyse(AnalysisOptions options, short[] samples, int rate = Rate)
    {
        using var pool = new SpotterPool(new TestOptionsMonitor<AnalysisOptions>(options), NullLogger<SpotterPool>.Instance);
        var spotted = new List<SpottedPhrase>();
        var (_, signals) = SpeechFixtures.AnalyseLeg(pool, options, samples, rate, spotted.Add);
        return (signals.SpeechToNoiseDb(Leg.Customer), spotted);
    }

    /// <summary>16 kHz audio as a phone leg delivers it: 8 kHz, through G.711 mu-law and back.</summary>
    private static short[] PhoneLeg(short[] wide)
    {
        var down = new PolyphaseResampler(Rate, 8_000);
        var narrow = new short[down.MaxOutput(wide.Length)];
        var count = down.Process(wide, narrow);
        return ThroughMuLaw(narrow[..count]);
    }
}
