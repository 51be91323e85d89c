using System.Text.RegularExpressions;
using EdgeCc.Agent.Hosting;

namespace EdgeCc.Agent.Tests.Hosting;

public partial class BenchCommandTests
{
    [Fact]
    public void Capacity_is_cores_times_budget_over_the_cost_of_a_call()
    {
        // 2 legs at RTF 0.05: 0.1 CPU s per call second; 4 cores x 0.7 / 0.1 = 28.
        Assert.Equal(28, CapacityEstimate.ConcurrentCalls(4, 0.1));
        var line = CapacityEstimate.Line(4, [new CapacityFigure("analysis", 0.08, ""), new CapacityFigure("telephony", 0.02, "")]);
        Assert.StartsWith("this box can analyse 28 concurrent calls in real time (4 cores x 70% budget / 0.100 CPU s per call second: analysis 0.080 + telephony 0.020)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_analysis_runs_the_demo_samples_and_prints_the_capacity_line_with_its_figures()
    {
        var (code, output, error) = await EdgeccProcess.RunAsync("bench", "analysis", "--repeat", "1", "--calls", "2");
        Assert.True(code == 0, error);
        var lines = output.TrimEnd().Split('\n');
        Assert.Matches(StagesLine(), lines[^6]);
        Assert.Matches(RoundsLine(), lines[^5]);
        Assert.Matches(MemoryLine(), lines[^4]);
        Assert.Matches(CliLine(), lines[^3]);
        Assert.Matches(AnalysisLine(), lines[^2]);
        Assert.Matches(CapacityLine(), lines[^1]);
    }

    [Fact]
    public async Task Bench_with_an_unknown_name_exits_2_listing_the_known_ones()
    {
        var (code, _, error) = await EdgeccProcess.RunAsync("bench", "teleportation");
        Assert.Equal(2, code);
        Assert.Equal("edgecc: unknown bench 'teleportation' (known: analysis)", error.Trim());
    }

    [GeneratedRegex(@"^analysis: 6 legs x 1 rounds, [0-9.]+ s of 8 kHz audio, speech [0-9.]+% \(voice activity\), spotter decoded [0-9.]+%, [0-9.]+ s thread CPU, real-time factor [0-9.]+ per leg \([0-9.]+ legs per core, [0-9.]+ calls per core\), -?[0-9.]+ MB RSS \(-?[0-9.]+ MB PSS\) per active leg, [0-9]+ phrases spotted$")]
    private static partial Regex AnalysisLine();

    [GeneratedRegex(@"^  stages, CPU s per audio s of a leg: spotter [0-9.]+ .*, resample 8->16 kHz [0-9.]+, voice activity [0-9.]+, prosody [0-9.]+, talk \+ sentiment [0-9.]+$")]
    private static partial Regex StagesLine();

    [GeneratedRegex(@"^  rounds, real-time factor per leg: [0-9.]+ \(best [0-9.]+: [0-9.]+ legs per core\)$")]
    private static partial Regex RoundsLine();

    [GeneratedRegex(@"^  memory: 2 calls open at once \(4 legs, 4 decoders\): RSS [0-9.]+ -> [0-9.]+ MB, managed heap [0-9.]+ -> [0-9.]+ MB: -?[0-9.]+ MB per active leg \(anonymous -?[0-9.]+, mapped files -?[0-9.]+, managed heap -?[0-9.]+\); PSS [0-9.]+ -> [0-9.]+ MB: -?[0-9.]+ MB per active leg")]
    private static partial Regex MemoryLine();

    // The test packages include pocketsphinx (scripts/install-deps.sh test), so the CLI runs, never skips.
    [GeneratedRegex(@"^  pocketsphinx_continuous -kws, same 6 legs at 16 kHz \([0-9.]+ s\), child CPU: its own VAD [0-9.]+ s, every frame \(-remove_silence no\) [0-9.]+ s, model load [0-9.]+ s; without the load real-time factor [0-9.]+ / [0-9.]+ per leg")]
    private static partial Regex CliLine();

    [GeneratedRegex(@"^this box can analyse [0-9]+ concurrent calls in real time \([0-9]+ cores x 70% budget / [0-9.]+ CPU s per call second: analysis [0-9.]+\)$")]
    private static partial Regex CapacityLine();
}
