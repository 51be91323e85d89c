namespace EdgeCc.Agent.Analysis;

/// <summary>
/// The record of one finished call. <see cref="SchemaVersion"/> changes whenever a field's
/// meaning changes, so central analytics can read old and new summaries side by side.
/// </summary>
public sealed record CallSummary
{
    /// <summary>
    /// 2: sentiment is on the −1..+1 scale of docs/sentiment.md and talk metrics were added.
    /// 3: customer key, sentiment timeline, topics and stream quality were added.
    /// </summary>
    public const int CurrentSchemaVersion = 3;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string CallId { get; init; }

    public string? AgentId { get; init; }

    /// <summary>
    /// The customer's number keyed with the organisation's secret (<c>ck1_…</c>, see Uplink/CallerKey):
    /// the same customer gets the same key on every site, the number itself never leaves the box.
    /// Null when the number was not signalled or no secret is configured.
    /// </summary>
    public string? CustomerKey { get; init; }

    public required string Source { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset EndedAt { get; init; }

    public required TimeSpan Duration { get; init; }

    public required string EndReason { get; init; }

    public required IReadOnlyList<LegSummary> Legs { get; init; }

    public required IReadOnlyList<Detection> Detections { get; init; }

    public int Holds { get; init; }

    /// <summary>How often the call was handed on: the "customer frustration" figure.</summary>
    public int Transfers { get; init; }

    /// <summary>The call's final sentiment, −1 (hostile) .. +1 (warm); see docs/sentiment.md.</summary>
    public double Sentiment { get; init; }

    /// <summary>Why the sentiment is what it is: each phrase and signal with its contribution.</summary>
    public IReadOnlyList<SentimentReason> SentimentReasons { get; init; } = [];

    /// <summary>The call's live sentiment after each reason, in time order: how the call went, not just how it ended.</summary>
    public IReadOnlyList<SentimentPoint> SentimentTimeline { get; init; } = [];

    /// <summary>Phrase categories heard, most frequent first.</summary>
    public IReadOnlyList<CallTopic> Topics { get; init; } = [];

    /// <summary>Quality of the call's RTP streams (empty for headsets and recordings).</summary>
    public IReadOnlyList<StreamQuality> Streams { get; init; } = [];

    /// <summary>Talk time per party, dead air, talk-over, interruptions, monologues (null when no audio was analysed).</summary>
    public TalkSummary? Talk { get; init; }
}
