namespace EdgeCc.Agent.Analysis;

/// <summary>
/// The record of one finished call. <see cref="SchemaVersion"/> changes whenever a field's
/// meaning changes, so central analytics can read old and new summaries side by side.
/// </summary>
public sealed record CallSummary
{
    public const int CurrentSchemaVersion = 1;

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

    /// <summary>Sum of the weights of every phrase spotted in the call (the first, simple sentiment).</summary>
    public double Sentiment { get; init; }
}
