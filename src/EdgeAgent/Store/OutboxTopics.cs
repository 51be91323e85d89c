namespace EdgeCc.Agent.Store;

/// <summary>Outbox topics: the last segment under <c>edgecc/v1/{site}/{device}/</c>.</summary>
internal static class OutboxTopics
{
    public const string Calls = "calls";
    public const string Alerts = "alerts";
    public const string Metrics = "metrics";
    public const string Floor = "floor";
    public const string ConfigAck = "config/ack";
}
