using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Audio;
using EdgeCc.Agent.Hosting;
using EdgeCc.Agent.Telephony;
using Microsoft.Extensions.Logging;

namespace EdgeCc.Agent.Tests.Hosting;

public sealed class AnalysisFailureTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly string _data = Path.Combine(Path.GetTempPath(), "edgecc-fail-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_call_whose_analysis_fails_gets_one_summary_and_the_other_calls_carry_on()
    {
        using var host = Program.BuildHost(new HostSettings
        {
            Overrides = new Dictionary<string, string?> { ["Store:DataDirectory"] = _data, ["Web:Enabled"] = "false", ["Analysis:Workers"] = "1" },
            MinimumLogLevel = LogLevel.Critical,
        });

        var silence = new short[320];
        var summaries = await RecordedRun.PlayAsync(
            host,
            async (_, sink, ct) =>
            {
                await sink.WriteAsync(CallInput.Of(new CallStarted("bad", T0, "1001", "sip")), ct);
                await sink.WriteAsync(CallInput.Of(new CallStarted("good", T0, "1002", "sip")), ct);
                for (var i = 0; i < 50; i++)
                {
                    var at = TimeSpan.FromMilliseconds(20 * i);

                    // A sample rate of 0 is nonsense no source should produce: the frame cannot be analysed.
                    await sink.WriteAsync(CallInput.Of(new AudioFrame("bad", Leg.Customer, at, silence, 0)), ct);
                    await sink.WriteAsync(CallInput.Of(new AudioFrame("good", Leg.Customer, at, silence, 16_000)), ct);
                }

                await sink.WriteAsync(CallInput.Of(new CallEnded("bad", T0.AddSeconds(1), TimeSpan.FromSeconds(1), "bye")), ct);
                await sink.WriteAsync(CallInput.Of(new CallEnded("good", T0.AddSeconds(1), TimeSpan.FromSeconds(1), "bye")), ct);
                return 2;
            },
            CancellationToken.None);

        Assert.Equal(2, summaries.Count);
        Assert.Equal("analysis-error", Assert.Single(summaries, s => s.CallId == "bad").EndReason);
        var good = Assert.Single(summaries, s => s.CallId == "good");
        Assert.Equal("bye", good.EndReason);
        Assert.Equal(TimeSpan.FromSeconds(1), good.Legs.Single(l => l.Leg == Leg.Customer).AudioDuration);
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
