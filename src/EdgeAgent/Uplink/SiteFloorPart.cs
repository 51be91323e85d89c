namespace EdgeCc.Agent.Uplink;

/// <summary>
/// One other box's part of the site floor as the wallboard host last heard it. <see cref="At"/> is
/// the snapshot's own time (the sender's clock), <see cref="ReceivedAt"/> this box's; both null
/// when only the box's status is known.
/// </summary>
internal sealed record SiteFloorPart(
    string Device,
    SitePartState State,
    DateTimeOffset? At,
    DateTimeOffset? ReceivedAt,
    IReadOnlyList<FloorAgent> Agents,
    IReadOnlyList<FloorQueue> Queues,
    DateTimeOffset? StatusSince);
