namespace EdgeCc.Agent.Web;

/// <summary>
/// Everything the wallboard shows, sent whole on every update so a page that missed one is never wrong.
/// <see cref="Site"/> is set on the site's wallboard host: the other boxes' parts of the floor.
/// </summary>
internal sealed record WallboardView(
    DateTimeOffset At,
    long Version,
    int StaleAfterSeconds,
    bool CanAcknowledge,
    IReadOnlyList<QueueView> Queues,
    int AgentsAvailable,
    IReadOnlyList<AgentView> Agents,
    IReadOnlyList<AlertView> Alerts,
    IReadOnlyList<FeedItem> Feed,
    IReadOnlyList<TrendSeries> Trends,
    IReadOnlyList<ComponentHealth> Health,
    SiteView? Site = null);
