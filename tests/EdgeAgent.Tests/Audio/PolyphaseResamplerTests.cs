using EdgeCc.Agent.Audio;
using Xunit.Abstractions;

namespace EdgeCc.Agent.Tests.Audio;

public sealed class PolyphaseResamplerTests(ITestOutputHelper log)
{
    private const double InputAmplitude = 20_000;
    private const int MeasuredSamples = 2048;

    // Odd chunk sizes, cycled, so streaming with history is what the sweeps measure.
    private static readonly int[] Chunks = [1, 7, 160, 33, 441, 2, 319, 960, 13];

    public static TheoryData<int, int> Ratios => new()
    {
        { 8000, 16000 },
        { 48000, 16000 },
        { 44100, 16000 },
        { 32000, 16000 },
        { 16000, 8000 },
        { 16000, 16000 },
        { 11025, 16000 },
    };

    [Fact]
    public void Upsampling_8k_to_16k_is_flat_to_3400_hz_with_images_60_db_down()
    {
        var resampler = new PolyphaseResampler(8000, 16000);
        var levels = new List<double>();
        var worstImage = double.MinValue;
        for (var f = 100; f <= 3400; f += 100)
        {
            var output = ToneThrough(resampler, f);
            levels.Add(ToneMeter.Db(ToneMeter.Amplitude(output, f, 16000) / InputAmplitude));
            worstImage = Math.Max(worstImage, ToneMeter.Db(ToneMeter.Amplitude(output, 8000 - f, 16000) / InputAmplitude));
        }

        AssertFlat(levels, 0.5);
        log.WriteLine($"8000 -> 16000: passband 100..3400 Hz from {levels.Min():F3} to {levels.Max():F3} dB, strongest image {worstImage:F1} dB");
        Assert.True(worstImage <= -60, $"strongest image {worstImage:F1} dB");
    }

    [Fact]
    public void Downsampling_48k_to_16k_is_flat_to_7_khz_and_removes_8_5_to_23_khz()
    {
        AssertDownsampling(48000, 16000, passbandTop: 7000, stopbandBottom: 8500, stopbandTop: 23000);
    }

    [Fact]
    public void Downsampling_44_1k_to_16k_is_flat_to_7_khz_and_removes_8_5_to_22_khz()
    {
        AssertDownsampling(44100, 16000, passbandTop: 7000, stopbandBottom: 8500, stopbandTop: 22000);
    }

    [Fact]
    public void Downsampling_32k_to_16k_is_flat_to_7_khz_and_removes_8_5_to_15_9_khz()
    {
        AssertDownsampling(32000, 16000, passbandTop: 7000, stopbandBottom: 8500, stopbandTop: 15900);
    }

    [Fact]
    public void Narrowband_simulation_16k_to_8k_is_flat_to_3400_hz_and_removes_4_25_to_7_9_khz()
    {
        AssertDownsampling(16000, 8000, passbandTop: 3400, stopbandBottom: 4250, stopbandTop: 7900);
    }

    [Theory]
    [MemberData(nameof(Ratios))]
    public void Chunked_processing_equals_one_call_exactly(int inputRate, int outputRate)
    {
        var input = Noise(inputRate / 2 + 17, seed: inputRate);
        var oneShot = new PolyphaseResampler(inputRate, outputRate);
        var expected = new short[oneShot.MaxOutput(input.Length)];
        var expectedCount = oneShot.Process(input, expected);

        var chunked = new PolyphaseResampler(inputRate, outputRate);
        var actual = new List<short>();
        var scratch = new short[chunked.MaxOutput(Chunks.Max())];
        var at = 0;
        for (var k = 0; at < input.Length; k++)
        {
            var size = Math.Min(Chunks[k % Chunks.Length], input.Length - at);
            var due = chunked.OutputLength(size);
            Assert.InRange(due, 0, chunked.MaxOutput(size));
            var n = chunked.Process(input.AsSpan(at, size), scratch);
            Assert.Equal(due, n);
            actual.AddRange(scratch.AsSpan(0, n));
            at += size;
        }

        Assert.Equal(expected.AsSpan(0, expectedCount).ToArray(), actual.ToArray());
        // Each input sample yields L/M outputs; a partial step may still be waiting for input.
        Assert.InRange(expectedCount, (input.Length * (long)outputRate / inputRate) - 1, oneShot.MaxOutput(input.Length));
    }

    [Theory]
    [MemberData(nameof(Ratios))]
    public void Reset_starts_the_stream_again(int inputRate, int outputRate)
    {
        var input = Noise(2000, seed: 7);
        var resampler = new PolyphaseResampler(inputRate, outputRate);
        var first = new short[resampler.MaxOutput(input.Length)];
        var second = new short[first.Length];

        var n1 = resampler.Process(input, first);
        resampler.Reset();
        var n2 = resampler.Process(input, second);

        Assert.Equal(n1, n2);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Equal_rates_copy_samples_unchanged()
    {
        var input = Noise(333, seed: 3);
        var resampler = new PolyphaseResampler(16000, 16000);
        var output = new short[resampler.MaxOutput(input.Length)];

        Assert.Equal(input.Length, resampler.Process(input, output));
        Assert.Equal(input, output);
        Assert.Equal(0, resampler.DelayInOutputSamples);
    }

    [Fact]
    public void Full_scale_square_wave_saturates_instead_of_wrapping()
    {
        var full = new short[4000];
        var half = new short[full.Length];
        for (var i = 0; i < full.Length; i++)
        {
            var high = i / 20 % 2 == 0;
            full[i] = high ? short.MaxValue : short.MinValue;
            half[i] = (short)(full[i] / 2);
        }

        var a = new PolyphaseResampler(8000, 16000);
        var b = new PolyphaseResampler(8000, 16000);
        var outFull = new short[a.MaxOutput(full.Length)];
        var outHalf = new short[b.MaxOutput(half.Length)];
        var n = a.Process(full, outFull);
        b.Process(half, outHalf);

        var clipped = 0;
        for (var i = 0; i < n; i++)
        {
            var ideal = Math.Clamp(2 * outHalf[i], short.MinValue, short.MaxValue);
            Assert.InRange(outFull[i] - ideal, -3, 3);
            clipped += ideal is short.MaxValue or short.MinValue ? 1 : 0;
        }

        Assert.True(clipped > 100, "the square wave's overshoot should have reached the rails");
    }

    [Fact]
    public void Too_small_output_span_is_refused()
    {
        var resampler = new PolyphaseResampler(8000, 16000);

        Assert.Equal(320, resampler.MaxOutput(160));
        Assert.Equal(320, resampler.OutputLength(160));
        Assert.Throws<ArgumentException>(() => resampler.Process(new short[160], new short[319]));

        var down = new PolyphaseResampler(48000, 16000);
        Assert.Equal(1, down.OutputLength(1)); // output 0 only needs input 0
        Assert.Equal(1, down.Process(new short[1], new short[1]));
        Assert.Equal(0, down.OutputLength(2));
        Assert.Equal(0, down.Process(new short[2], Span<short>.Empty));
    }

    [Fact]
    public void Ratios_needing_too_many_phases_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PolyphaseResampler(44100, 16001));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PolyphaseResampler(0, 16000));
    }

    [Fact]
    public void Dc_passes_with_unity_gain_after_the_delay()
    {
        foreach (var (inputRate, outputRate) in new[] { (8000, 16000), (48000, 16000), (44100, 16000) })
        {
            var resampler = new PolyphaseResampler(inputRate, outputRate);
            var input = Enumerable.Repeat((short)10_000, inputRate / 10).ToArray();
            var output = new short[resampler.MaxOutput(input.Length)];
            var n = resampler.Process(input, output);
            for (var i = (int)Math.Ceiling(2 * resampler.DelayInOutputSamples) + 1; i < n; i++)
            {
                Assert.InRange(output[i], 9_998, 10_002);
            }
        }
    }

    private void AssertDownsampling(int inputRate, int outputRate, int passbandTop, int stopbandBottom, int stopbandTop)
    {
        var resampler = new PolyphaseResampler(inputRate, outputRate);
        var levels = new List<double>();
        for (var f = 100; f <= passbandTop; f += 100)
        {
            var output = ToneThrough(resampler, f);
            levels.Add(ToneMeter.Db(ToneMeter.Amplitude(output, f, outputRate) / InputAmplitude));
        }

        AssertFlat(levels, 0.5);
        log.WriteLine($"{inputRate} -> {outputRate}: passband 100..{passbandTop} Hz from {levels.Min():F3} to {levels.Max():F3} dB");

        var worst = double.MinValue;
        var worstAt = 0;
        for (var f = stopbandBottom; f <= stopbandTop; f += 100)
        {
            var alias = ToneMeter.Fold(f, outputRate);
            if (alias < 50 || alias > (outputRate / 2.0) - 50)
            {
                continue; // folds onto DC or Nyquist, where a real tone's level depends on its phase
            }

            var output = ToneThrough(resampler, f);
            var level = ToneMeter.Db(ToneMeter.Amplitude(output, alias, outputRate) / InputAmplitude);
            if (level > worst)
            {
                (worst, worstAt) = (level, f);
            }
        }

        log.WriteLine($"{inputRate} -> {outputRate}: strongest alias of {stopbandBottom}..{stopbandTop} Hz from a {worstAt} Hz tone at {worst:F1} dB");
        Assert.True(worst <= -60, $"tone at {worstAt} Hz leaks through at {worst:F1} dB");
    }

    /// <summary>Streams a sine through the resampler in odd chunks and returns a settled stretch of output.</summary>
    private static short[] ToneThrough(PolyphaseResampler resampler, double frequency)
    {
        resampler.Reset();
        var settle = (int)Math.Ceiling(2 * resampler.DelayInOutputSamples) + 2;
        var inputLength = (int)Math.Ceiling((double)(settle + MeasuredSamples + 2) * resampler.InputRate / resampler.OutputRate);
        var input = new short[inputLength];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (short)Math.Round(InputAmplitude * Math.Sin(2 * Math.PI * frequency * i / resampler.InputRate));
        }

        var output = new short[resampler.MaxOutput(input.Length)];
        var written = 0;
        var at = 0;
        for (var k = 0; at < input.Length; k++)
        {
            var size = Math.Min(Chunks[k % Chunks.Length], input.Length - at);
            written += resampler.Process(input.AsSpan(at, size), output.AsSpan(written));
            at += size;
        }

        Assert.True(written >= settle + MeasuredSamples, $"only {written} samples came out");
        return output.AsSpan(settle, MeasuredSamples).ToArray();
    }

    private static void AssertFlat(List<double> levelsDb, double limitDb)
    {
        var max = levelsDb.Max();
        var min = levelsDb.Min();
        Assert.True(max <= limitDb && min >= -limitDb && max - min <= limitDb, $"passband from {min:F3} to {max:F3} dB");
    }

    private static short[] Noise(int length, int seed)
    {
        var random = new Random(seed);
        var samples = new short[length];
        for (var i = 0; i < length; i++)
        {
            samples[i] = (short)random.Next(short.MinValue, short.MaxValue + 1);
        }

        return samples;
    }
}
