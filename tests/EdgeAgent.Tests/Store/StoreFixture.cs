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
                new LegSummary(Leg.Agent, TimeSpan.FromTicks(901234567), TimeSpan.FromTicks(401234567), 1, 0.25, 0.125) { SpeechToNoiseDb = 41.25 },
                new LegSummary(Leg.Customer, TimeSpan.FromTicks(880000001), TimeSpan.FromTicks(380000001), 2, -0.75, 0.625),
            ],
            Detections =
            [
                new Detection("call-" + n, Leg.Customer, "cancel my contract", "churn", -0.5, TimeSpan.FromTicks(123456789), TimeSpan.FromTicks(143456789), 0.81),
                new Detection("call-" + n, Leg.Customer, "supervisor", "escalation", -0.25, TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(41.5), 0.66),
                new Detection("call-" + n, Leg.Agent, "thank you", "courtesy", 0.25, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(91), 0.9),
            ],
            Sentiment = -0.5,
            SentimentReasons =
            [
                new SentimentReason(TimeSpan.FromTicks(123456789), Leg.Customer, SentimentReasonKind.Phrase, "cancel my contract", "churn", -0.6, "'cancel my contract' (churn) at 0:12"),
                new SentimentReason(TimeSpan.FromSeconds(60), null, SentimentReasonKind.TalkOver, "talk-over", null, -0.2, "both spoke 12 % of the time"),
            ],
            Talk = new TalkSummary(
                TimeSpan.FromTicks(954321000),
                TimeSpan.FromSeconds(40.25),
                TimeSpan.FromSeconds(38.5),
                TimeSpan.FromSeconds(3),
                2,
                TimeSpan.FromSeconds(13),
                TimeSpan.Zero,
                [new TalkMetricsStretch(null, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(6))],
                [new TalkMetricsInterruption(Leg.Customer, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(0.75))],
                0,
                1,
                0.51,
                new TalkMetricsStretch(Leg.Agent, TimeSpan.FromSeconds(70), TimeSpan.FromSeconds(15))),
            CustomerKey = n % 2 == 0 ? null : "ck1_" + new string('a', 63) + (n % 10).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Holds = 1,
            Transfers = n % 2,
            Topics = [new CallTopic("churn", 1), new CallTopic("courtesy", 1), new CallTopic("escalation", 1)],
            SentimentTimeline =
            [
                new SentimentPoint(TimeSpan.FromTicks(123456789), -0.6, new SentimentReason(TimeSpan.FromTicks(123456789), Leg.Customer, SentimentReasonKind.Phrase, "cancel my contract", "churn", -0.6, "'cancel my contract' (churn) at 0:12")),
                new SentimentPoint(TimeSpan.FromSeconds(60), -0.5, new SentimentReason(TimeSpan.FromSeconds(60), null, SentimentReasonKind.TalkOver, "talk-over", null, -0.2, "both spoke 12 % of the time")),
            ],
            Streams =
            [
                new StreamQuality(Leg.Agent, "PCMU", 4771, 0, 1.25, 4.41),
                new StreamQuality(Leg.Customer, "PCMU", 4702, 69, 12.5, 3.92),
            ],
        };
    }

    public static void AssertSame(CallSummary expected, CallSummary actual)
    {
        Assert.Equal(
            expected with { Legs = [], Detections = [], SentimentReasons = [], Talk = null, SentimentTimeline = [], Topics = [], Streams = [] },
            actual with { Legs = [], Detections = [], SentimentReasons = [], Talk = null, SentimentTimeline = [], Topics = [], Streams = [] });
        Assert.Equal(expected.SentimentReasons, actual.SentimentReasons);
        Assert.Equal(expected.SentimentTimeline, actual.SentimentTimeline);
        Assert.Equal(expected.Topics, actual.Topics);
        Assert.Equal(expected.Streams, actual.Streams);
        Assert.Equal(expected.Talk is null, actual.Talk is null);
        if (expected.Talk is { } talk)
        {
            Assert.Equal(talk with { DeadAir = [], Interruptions = [] }, actual.Talk! with { DeadAir = [], Interruptions = [] });
            Assert.Equal(talk.DeadAir, actual.Talk!.DeadAir);
            Assert.Equal(talk.Interruptions, actual.Talk!.Interruptions);
        }

        Assert.Equal(expected.StartedAt.Offset, actual.StartedAt.Offset);
        Assert.Equal(expected.EndedAt.Offset, actual.EndedAt.Offset);
        Assert.Equal(expected.Legs, actual.Legs);
        Assert.Equal(expected.Detections, actual.Detections);
    }
}
