using System.Globalization;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// Turns the stages' measured costs into the number of calls the box can take in real time.
/// </summary>
internal static class CapacityEstimate
{
    /// <summary>
    /// Share of the CPU the analysis may plan for. The rest is headroom for what the benchmark does not
    /// see: capture and RTP bursts, GC, the journal, the wallboard, and talk peaks where every
    /// decoder is busy at once.
    /// </summary>
    public const double Budget = 0.7;

    public static int ConcurrentCalls(int cores, double cpuSecondsPerCallSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cores);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cpuSecondsPerCallSecond);
        // The epsilon keeps an exact quotient (28.0 computed as 27.999...) from losing a call.
        return (int)Math.Floor((cores * Budget / cpuSecondsPerCallSecond) + 1e-9);
    }

    public static string Line(int cores, IReadOnlyList<CapacityFigure> figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var cost = figures.Sum(f => f.CpuSecondsPerCallSecond);
        var calls = ConcurrentCalls(cores, cost);
        var parts = string.Join(" + ", figures.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Stage} {f.CpuSecondsPerCallSecond:0.000}")));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"this box can analyse {calls} concurrent calls in real time ({cores} cores x {Budget:0%} budget / {cost:0.000} CPU s per call second: {parts})");
    }
}
