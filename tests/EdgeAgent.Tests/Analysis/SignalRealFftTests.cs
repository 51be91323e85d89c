using EdgeCc.Agent.Analysis;

namespace EdgeCc.Agent.Tests.Analysis;

public sealed class SignalRealFftTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(16)]
    [InlineData(256)]
    public void Real_fft_gives_the_bins_of_the_complex_fft_of_the_same_samples(int size)
    {
        var random = new Random(size);
        var samples = new float[size];
        for (var i = 0; i < size; i++)
        {
            samples[i] = (float)((random.NextDouble() * 2) - 1) * 30_000;
        }

        var re = (float[])samples.Clone();
        var im = new float[size];
        new SignalFft(size).Forward(re, im);
        var realRe = new float[(size / 2) + 1];
        var realIm = new float[(size / 2) + 1];
        new SignalRealFft(size).Forward(samples, realRe, realIm);

        // Float rounding of a 256-point transform of 30,000-sized samples: far under 1e-5 of full scale.
        var tolerance = size * 30_000 * 1e-5;
        for (var k = 0; k <= size / 2; k++)
        {
            Assert.InRange(realRe[k] - re[k], -tolerance, tolerance);
            Assert.InRange(realIm[k] - im[k], -tolerance, tolerance);
        }
    }

    [Fact]
    public void A_length_that_is_not_a_power_of_two_is_refused()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new SignalRealFft(96));
}
