namespace EdgeCc.Agent.Analysis;

/// <summary>
/// The record of one finished call. <see cref="SchemaVersion"/> changes whenever a field's
/// meaning changes, so central analytics can read old and new summaries side by side.
/// </summary>
public sealed record CallSummary
{
    /// <summary>2: sentiment is on the −1..+1 scale of docs/sentiment.md and talk metrics were added.</summary>
    public const int CurrentSchemaVersion = 2;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string CallId { get; init; }

    public string? AgentId { get; init; }

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

    /// <summary>Talk time per party, dead air, talk-over, interruptions, monologues (null when no audio was analysed).</summary>
    public TalkSummary? Talk { get; init; }
}
