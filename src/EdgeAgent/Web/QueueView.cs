namespace EdgeCc.Agent.Web;

/// <summary>One queue tile; a null figure is one the queue feed does not give (the page shows "—").</summary>
internal sealed record QueueView(
    string Name,
    int? CallsWaiting,
    double? LongestWaitSeconds,
    int? AgentsAvailable,
    double? ServiceLevelPercent,
    double? AbandonRatePercent,
    string? Light = null);
