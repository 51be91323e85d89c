using System.Diagnostics;
using EdgeCc.Agent.Audio;
using Xunit.Abstractions;

namespace EdgeCc.Agent.Tests.Audio;

/// <summary>
/// Prints the resampler's design and throughput; asserts nothing about time. For meaningful numbers run
/// it in Release: dotnet test tests/EdgeAgent.Tests -c Release --filter "FullyQualifiedName~PolyphaseResamplerThroughput" --logger "console;verbosity=detailed"
/// </summary>
public sealed class PolyphaseResamplerThroughput(ITestOutputHelper log)
{
    [Theory]
    [InlineData(8000, 16000)]
    [InlineData(48000, 16000)]
    [InlineData(44100, 16000)]
    [InlineData(32000, 16000)]
    [InlineData(16000, 8000)]
    public void Prints_design_and_input_samples_per_second(int inputRate, int outputRate)
    {
        var resampler = new PolyphaseResampler(inputRate, outputRate);
        var frame = new short[inputRate / 50]; // 20 ms frames, as capture delivers them
        var random = new Random(1);
        for (var i = 0; i < frame.Length; i++)
        {
            frame[i] = (short)random.Next(-20_000, 20_000);
        }

        var output = new short[resampler.MaxOutput(frame.Length) + 1];
        // Long enough for tiered JIT to promote Process to optimized code.
        for (var warm = Stopwatch.StartNew(); warm.ElapsedMilliseconds < 500;)
        {
            resampler.Process(frame, output);
        }

        // The machine is shared: count this thread's own CPU time (Linux schedstat), not the wall clock.
        const int Seconds = 20; // of audio
        var cpuBefore = ThreadCpuNanoseconds();
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < Seconds * 50; i++)
        {
            resampler.Process(frame, output);
        }

        var wall = stopwatch.Elapsed.TotalSeconds;
        var cpu = (ThreadCpuNanoseconds() - cpuBefore) / 1e9;
        var best = (cpu > 0 ? cpu : wall) / Seconds;
        var samplesPerSecond = inputRate / best;
        log.WriteLine(
            $"{inputRate} -> {outputRate}: L/M {resampler.Phases}/{inputRate * resampler.Phases / outputRate}, {resampler.TapsPerPhase} taps/output, " +
            $"beta {resampler.Beta:F2}, cutoff {resampler.CutoffHz:F0} Hz, delay {resampler.DelayInOutputSamples:F1} output samples; " +
            $"{samplesPerSecond / 1e6:F1} M input samples/s = {100.0 * inputRate / samplesPerSecond:F3} % of one core per mono stream (thread CPU time over 20 s of audio in 20 ms frames, wall {wall:F3} s, Vector<float> x{System.Numerics.Vector<float>.Count})");
        Assert.True(best > 0);
    }

    private static long ThreadCpuNanoseconds()
    {
        try
        {
            var text = File.ReadAllText("/proc/thread-self/schedstat");
            return long.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
