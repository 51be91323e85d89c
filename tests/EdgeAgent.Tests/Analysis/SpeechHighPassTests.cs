using EdgeCc.Agent.Analysis;
using Xunit.Abstractions;
using static EdgeCc.Agent.Tests.Analysis.SignalTestAudio;

namespace EdgeCc.Agent.Tests.Analysis;

public sealed class SpeechHighPassTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(50, -29.5, -27.5)]
    [InlineData(60, -26.5, -24.0)]
    [InlineData(125, -13.0, -11.5)]
    [InlineData(250, -3.5, -2.5)]
    [InlineData(1_000, -0.1, 0.1)]
    [InlineData(4_000, -0.1, 0.1)]
    public void Falls_12_dB_an_octave_below_the_cutoff_and_passes_speech(double hz, double minDb, double maxDb)
    {
        var tone = Sine(hz, 2, 8_000);
        var filtered = new short[tone.Length];

        new SpeechHighPass(250, Rate).Process(tone, filtered);

        // The first second lets the filter settle.
        var gain = RmsDbfs(filtered.AsSpan(Rate)) - RmsDbfs(tone.AsSpan(Rate));
        output.WriteLine($"{hz} Hz: {gain:0.00} dB");
        Assert.InRange(gain, minDb, maxDb);
    }

    [Fact]
    public void Matches_sox_highpass_on_noise_fed_in_frames()
    {
        var noise = ToPcm(PinkNoise(Rate * 3, seed: 11), -20);
        var ours = new short[noise.Length];
        var filter = new SpeechHighPass(250, Rate);
        for (var at = 0; at < noise.Length; at += 320)
        {
            var n = Math.Min(320, noise.Length - at);
            filter.Process(noise.AsSpan(at, n), ours.AsSpan(at, n));
        }

        var sox = SoxTransform(noise, "highpass 250");

        var worst = ours.Zip(sox, (a, b) => Math.Abs(a - b)).Max();
        output.WriteLine($"largest difference from sox: {worst} (signal RMS {RmsDbfs(ours):0.0} dBFS)");
        Assert.Equal(noise.Length, sox.Length);
        Assert.InRange(worst, 0, 2);
    }

    [Fact]
    public void Saturates_instead_of_wrapping()
    {
        short[] step = [.. Enumerable.Repeat(short.MinValue, 10), .. Enumerable.Repeat(short.MaxValue, 10)];
        var filtered = new short[step.Length];

        new SpeechHighPass(250, Rate).Process(step, filtered);

        // The step's overshoot is above full scale: clipped to it, not wrapped round to a large negative value.
        Assert.Equal(short.MaxValue, filtered[10]);
    }
}
