namespace EdgeCc.Agent.Uplink;

/// <summary>
/// This box's part of the floor, sent retained on <c>floor</c> (schemas/floor.schema.json) so
/// several boxes on one site merge into one wallboard; only the newest one matters.
/// </summary>
internal sealed record FloorSnapshot(DateTimeOffset At, IReadOnlyList<FloorAgent> Agents, IReadOnlyList<FloorQueue> Queues);
