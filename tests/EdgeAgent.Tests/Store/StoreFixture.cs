using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Audio;
using EdgeCc.Agent.Store;

namespace EdgeCc.Agent.Tests.Store;

/// <summary>A fresh store directory per test, deleted afterwards.</summary>
internal sealed class TempStore : IDisposable
{
    public TempStore()
    {
        Directory = Path.Combine(Path.GetTempPath(), "edgecc-store-" + Guid.NewGuid().ToString("N"));
        Options = new StoreOptions { DataDirectory = Path.Combine(Directory, "state") };
    }

    public string Directory { get; }

    public StoreOptions Options { get; }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static CallSummary Summary(int n, DateTimeOffset? start = null)
    {
        var started = start ?? new DateTimeOffset(2026, 11, 23, 9, 15, 30, TimeSpan.FromHours(1)).AddTicks(1234567).AddMinutes(n);
        return new CallSummary
        {
            CallId = "call-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + "@pbx.example",
            AgentId = n % 3 == 0 ? null : "agent-" + (n % 7).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Source = "sip",
            StartedAt = started,
            EndedAt = started.AddSeconds(95.4321),
            Duration = TimeSpan.FromTicks(954321000),
            EndReason = "bye",
            Legs =
            [
                new LegSummary(Leg.Agent, TimeSpan.FromTicks(901234567), 1, 0.25),
                new LegSummary(Leg.Customer, TimeSpan.FromTicks(880000001), 2, -0.75),
            ],
            Detections =
            [
                new Detection("call-" + n, Leg.Customer, "cancel my contract", "churn", -0.5, TimeSpan.FromTicks(123456789), TimeSpan.FromTicks(143456789), 0.81),
                new Detection("call-" + n, Leg.Customer, "supervisor", "escalation", -0.25, TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(41.5), 0.66),
                new Detection("call-" + n, Leg.Agent, "thank you", "courtesy", 0.25, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(91), 0.9),
            ],
            Sentiment = -0.5,
        };
    }

    public static void AssertSame(CallSummary expected, CallSummary actual)
    {
        Assert.Equal(expected with { Legs = [], Detections = [] }, actual with { Legs = [], Detections = [] });
        Assert.Equal(expected.StartedAt.Offset, actual.StartedAt.Offset);
        Assert.Equal(expected.EndedAt.Offset, actual.EndedAt.Offset);
        Assert.Equal(expected.Legs, actual.Legs);
        Assert.Equal(expected.Detections, actual.Detections);
    }
}
