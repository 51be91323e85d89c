namespace EdgeCc.Agent.Store;

/// <summary>
/// One message waiting for the broker's acknowledgement. <see cref="Sequence"/> grows by one per
/// device for the whole life of the store (it is kept in a counter, not derived from the rows,
/// so it never repeats after the outbox empties); with site and device it is the idempotency key.
/// </summary>
internal sealed record OutboxRow(long Sequence, string Topic, ReadOnlyMemory<byte> Payload, DateTimeOffset CreatedAt);
