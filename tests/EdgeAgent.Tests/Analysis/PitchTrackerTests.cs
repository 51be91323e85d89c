using EdgeCc.Agent.Analysis;
using Xunit.Abstractions;
using static EdgeCc.Agent.Tests.Analysis.SignalTestAudio;

namespace EdgeCc.Agent.Tests.Analysis;

public sealed class PitchTrackerTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(65.0)]
    [InlineData(100.0)]
    [InlineData(180.0)]
    [InlineData(260.0)]
    [InlineData(390.0)]
    public void A_sine_tone_is_tracked_within_one_percent(double hz)
    {
        var estimates = Track(Sine(hz, 1, 8000));

        var voiced = estimates.Where(e => e > 0).ToArray();
        Assert.True(voiced.Length >= estimates.Count * 0.9, $"{voiced.Length} of {estimates.Count} voiced");
        Assert.All(voiced, e => Assert.InRange(e, hz * 0.99, hz * 1.01));
    }

    [Fact]
    public void A_harmonic_rich_voice_with_a_weak_fundamental_is_not_tracked_an_octave_up()
    {
        // Telephone speech loses most of its fundamental below 300 Hz; the period still rules.
        const double f0 = 110;
        var pcm = new short[Rate];
        for (var i = 0; i < pcm.Length; i++)
        {
            double v = 0;
            for (var h = 1; h <= 20; h++)
            {
                var amplitude = (h == 1 ? 0.1 : 1.0) / h;
                v += amplitude * Math.Sin(2 * Math.PI * f0 * h * i / Rate);
            }

            pcm[i] = Clip(4000 * v);
        }

        var voiced = Track(pcm).Where(e => e > 0).ToArray();

        Assert.NotEmpty(voiced);
        Assert.InRange(Median(voiced), f0 * 0.98, f0 * 1.02);
    }

    [Fact]
    public void Noise_and_silence_are_unvoiced()
    {
        var estimates = Track(Concat(new short[Rate], ToPcm(WhiteNoise(Rate * 2, seed: 9), -25), ToPcm(PinkNoise(Rate * 2, seed: 8), -25)));

        var voiced = estimates.Count(e => e > 0);
        Assert.True(voiced <= estimates.Count / 50, $"{voiced} of {estimates.Count} noise estimates voiced");
    }

    [Theory]
    [InlineData("speech/cmu_arctic/cmu_arctic_us_aew_a0001.wav", 80.0, 160.0)]
    [InlineData("speech/cmu_arctic/cmu_arctic_us_aew_a0003.wav", 80.0, 160.0)]
    [InlineData("speech/cmu_arctic/cmu_arctic_us_axb_a0004.wav", 160.0, 300.0)]
    [InlineData("speech/cmu_arctic/cmu_arctic_us_axb_a0006.wav", 160.0, 300.0)]
    public void Real_voiced_speech_lies_in_the_speakers_range(string path, double low, double high)
    {
        // CMU ARCTIC speaker aew is an adult male, axb an adult female: typical ranges of
        // 85-155 Hz and 165-255 Hz for the median of conversational speech.
        var estimates = Track(ReadWav(path));

        var voiced = estimates.Where(e => e > 0).ToArray();
        var median = Median(voiced);
        output.WriteLine($"{Path.GetFileName(path)}: {voiced.Length} of {estimates.Count} voiced, median {median:F1} Hz, p10 {Percentile(voiced, 0.1):F0} p90 {Percentile(voiced, 0.9):F0}");
        Assert.True(voiced.Length >= estimates.Count / 4, "too few voiced estimates");
        Assert.InRange(median, low, high);
        Assert.True(Percentile(voiced, 0.9) < high * 1.6, "octave errors above the range");
    }

    [Fact]
    public void Speech_shifted_up_four_semitones_by_sox_is_tracked_26_percent_higher()
    {
        var original = ReadWav("speech/cmu_arctic/cmu_arctic_us_aew_a0002.wav");
        var shifted = SoxTransform(original, "pitch 400");

        var before = Median(Track(original).Where(e => e > 0).ToArray());
        var after = Median(Track(shifted).Where(e => e > 0).ToArray());

        output.WriteLine($"median {before:F1} Hz -> {after:F1} Hz, ratio {after / before:F3} (expected {Math.Pow(2, 4 / 12.0):F3})");
        Assert.InRange(after / before, 1.18, 1.34);
    }

    internal static List<double> Track(short[] pcm, int frame = 320)
    {
        var tracker = new PitchTracker();
        var estimates = new List<double>();
        for (var i = 0; i < pcm.Length; i += frame)
        {
            var n = Math.Min(frame, pcm.Length - i);
            var made = tracker.Process(pcm.AsSpan(i, n));
            for (var k = 0; k < made; k++)
            {
                // With 20 ms frames two estimates land in one call; the tracker keeps the last.
                estimates.Add(tracker.PitchHz);
            }
        }

        return estimates;
    }

    internal static double Median(double[] values) => Percentile(values, 0.5);

    internal static double Percentile(double[] values, double p)
    {
        if (values.Length == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, p * sorted.Length)];
    }
}
