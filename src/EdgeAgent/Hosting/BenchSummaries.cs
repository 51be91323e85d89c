using System.Globalization;
using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Audio;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// Call summaries shaped like the ones analysis produces on a busy floor (two legs, a few
/// detections, sentiment reasons, talk metrics), varied per call so payloads differ in size
/// the way real ones do: about 1 KB each on the wire.
/// </summary>
internal static class BenchSummaries
{
    private static readonly (string Phrase, string Category, double Weight)[] Phrases =
    [
        ("speak to a manager", "escalation", -0.8),
        ("cancel my account", "churn", -0.7),
        ("this call may be recorded", "compliance", 0),
        ("password reset", "topic", -0.1),
        ("thank you for calling", "courtesy", 0.4),
        ("have a nice day", "courtesy", 0.5),
    ];

    private static readonly string[] EndReasons = ["bye", "bye", "bye", "cancel", "transfer"];

    public static CallSummary Create(int n, DateTimeOffset floorStart)
    {
        var c = CultureInfo.InvariantCulture;
        var callId = string.Create(c, $"{n:x8}-bench@pbx.site.example");
        var started = floorStart.AddSeconds(n * 7.25);
        var duration = TimeSpan.FromSeconds(45 + (n * 37 % 600) + 0.125);
        var agentTalk = duration * 0.42;
        var customerTalk = duration * 0.38;
        var detections = new List<Detection>(3);
        var reasons = new List<SentimentReason>(3);
        for (var i = 0; i < 1 + (n % 3); i++)
        {
            var (phrase, category, weight) = Phrases[(n + (i * 5)) % Phrases.Length];
            var leg = category is "courtesy" or "compliance" ? Leg.Agent : Leg.Customer;
            var at = TimeSpan.FromSeconds(10 + (i * 20) + (n % 9));
            detections.Add(new Detection(callId, leg, phrase, category, weight, at, at + TimeSpan.FromSeconds(1.5), 0.6 + ((n + i) % 40 / 100.0)));
            reasons.Add(new SentimentReason(at, leg, SentimentReasonKind.Phrase, phrase, category, weight * 0.8, string.Create(c, $"'{phrase}' ({category}) at {at:m\\:ss}")));
        }

        var sentiment = Math.Clamp(reasons.Sum(r => r.Contribution), -1, 1);
        return new CallSummary
        {
            CallId = callId,
            AgentId = n % 11 == 0 ? null : string.Create(c, $"agent-{n % 48:D2}"),
            Source = n % 4 == 0 ? "headset" : "sip",
            StartedAt = started,
            EndedAt = started + duration,
            Duration = duration,
            EndReason = EndReasons[n % EndReasons.Length],
            Legs =
            [
                new LegSummary(Leg.Agent, duration, agentTalk, detections.Count(d => d.Leg == Leg.Agent), sentiment * 0.5, 0.25 + (n % 7 / 10.0)),
                new LegSummary(Leg.Customer, duration, customerTalk, detections.Count(d => d.Leg == Leg.Customer), sentiment, 0.3 + (n % 5 / 10.0)),
            ],
            Detections = detections,
            Holds = n % 5 == 0 ? 1 : 0,
            Transfers = n % 13 == 0 ? 1 : 0,
            Sentiment = sentiment,
            SentimentReasons = reasons,
            Talk = new TalkSummary(
                duration,
                agentTalk,
                customerTalk,
                TimeSpan.FromSeconds(n % 17),
                n % 6,
                duration - agentTalk - customerTalk,
                n % 5 == 0 ? TimeSpan.FromSeconds(30) : TimeSpan.Zero,
                [new TalkMetricsStretch(null, TimeSpan.FromSeconds(33), TimeSpan.FromSeconds(4 + (n % 5)))],
                [new TalkMetricsInterruption(Leg.Customer, TimeSpan.FromSeconds(21), TimeSpan.FromSeconds(0.6))],
                n % 3,
                1 + (n % 4),
                0.52,
                new TalkMetricsStretch(Leg.Agent, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(18))),
        };
    }
}
