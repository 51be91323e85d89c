using EdgeCc.Agent.Floor;

namespace EdgeCc.Agent.Tests.Floor;

public class FloorBenchmarkTests
{
    // A smoke run: the benchmark's figures are printed by `edgecc bench floor`, never asserted here.
    [Fact]
    public void The_floor_benchmark_runs_the_whole_path_and_reports_latency_and_allocations()
    {
        using var output = new StringWriter();
        Assert.Equal(0, FloorBenchmark.Run(output, updates: 400, frames: 100));
        var text = output.ToString();
        Assert.Contains("200 stations, 400 updates", text, StringComparison.Ordinal);
        Assert.Contains("update latency: median", text, StringComparison.Ordinal);
        Assert.Contains("bytes allocated per frame", text, StringComparison.Ordinal);
    }
}
