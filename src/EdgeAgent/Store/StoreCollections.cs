namespace EdgeCc.Agent.Store;

internal static class StoreCollections
{
    public const string Summaries = "summaries";
    public const string Alerts = "alerts";
    public const string Metrics = "metrics";
    public const string Outbox = "outbox";
    public const string ConfigHistory = "config_history";
    public const string Counters = "counters";
}
