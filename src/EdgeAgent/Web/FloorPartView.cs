namespace EdgeCc.Agent.Web;

/// <summary>
/// Another box's part of the floor on the wallboard host. <see cref="Status"/> is <c>live</c>,
/// <c>stale</c> (no snapshot for <see cref="SiteView.StaleAfterSeconds"/>) or <c>offline</c>
/// (its last will); <see cref="AgeSeconds"/> is the age of its newest snapshot, null before one.
/// </summary>
internal sealed record FloorPartView(
    string Device,
    string Status,
    DateTimeOffset? At,
    DateTimeOffset? ReceivedAt,
    double? AgeSeconds,
    IReadOnlyList<PartAgentView> Agents,
    IReadOnlyList<QueueView> Queues);
