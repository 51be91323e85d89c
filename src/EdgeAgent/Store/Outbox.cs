using LiteDB;

namespace EdgeCc.Agent.Store;

/// <summary>
/// Messages accepted for delivery, in the order they were accepted. A row is written in the
/// same transaction as the record it announces and is deleted only when the uplink has the
/// broker's PUBACK for it, so nothing accepted is lost across WAN outages or power cuts.
/// </summary>
internal sealed class Outbox
{
    private const string SequenceCounter = "outbox.sequence";
    private readonly EdgeDatabase _db;
    private readonly TimeProvider _time;
    private long _enqueued;
    private long _delivered;

    public Outbox(EdgeDatabase db, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        _db = db;
        _time = time;
        _db.Collection(StoreCollections.Outbox).EnsureIndex("topic");
    }

    public int Count => _db.Collection(StoreCollections.Outbox).Count();

    public long Enqueued => Interlocked.Read(ref _enqueued);

    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Sequence number of the newest row ever enqueued (0 before the first).</summary>
    public long LastSequence
    {
        get
        {
            var doc = _db.Collection(StoreCollections.Counters).FindById(SequenceCounter);
            return doc is null ? 0 : doc["value"].AsInt64;
        }
    }

    public long Enqueue(string topic, ReadOnlyMemory<byte> payload)
    {
        var sequence = _db.Write(db => EnqueueIn(db, topic, payload));
        Signal();
        return sequence;
    }

    /// <summary>
    /// For retained topics (<c>floor</c>) only the newest state matters: undelivered older rows of
    /// the topic are replaced, so a long outage does not queue hours of superseded snapshots.
    /// </summary>
    public long ReplaceLatest(string topic, ReadOnlyMemory<byte> payload)
    {
        var sequence = _db.Write(db =>
        {
            db.GetCollection(StoreCollections.Outbox).DeleteMany(Query.EQ("topic", topic));
            return EnqueueIn(db, topic, payload);
        });
        Signal();
        return sequence;
    }

    /// <summary>Adds a row inside the caller's <see cref="EdgeDatabase.Write{T}"/> transaction; call <see cref="Signal"/> after it commits.</summary>
    internal long EnqueueIn(LiteDatabase db, string topic, ReadOnlyMemory<byte> payload) =>
        EnqueueManyIn(db, topic, [payload]);

    /// <summary>Adds rows in order inside the caller's transaction; returns the last sequence. Call <see cref="Signal"/> after it commits.</summary>
    internal long EnqueueManyIn(LiteDatabase db, string topic, IReadOnlyList<ReadOnlyMemory<byte>> payloads)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(payloads);
        var counters = db.GetCollection(StoreCollections.Counters);
        var counter = counters.FindById(SequenceCounter);
        var sequence = counter is null ? 0 : counter["value"].AsInt64;
        var createdAt = _time.GetUtcNow().UtcTicks;
        var rows = new List<BsonDocument>(payloads.Count);
        foreach (var payload in payloads)
        {
            rows.Add(new BsonDocument
            {
                ["_id"] = ++sequence,
                ["topic"] = topic,
                ["payload"] = payload.ToArray(),
                ["createdAt"] = createdAt,
            });
        }

        db.GetCollection(StoreCollections.Outbox).InsertBulk(rows);
        counters.Upsert(new BsonDocument { ["_id"] = SequenceCounter, ["value"] = sequence });
        Interlocked.Add(ref _enqueued, payloads.Count);
        return sequence;
    }

    /// <summary>The oldest rows, in sequence order, starting after <paramref name="afterSequence"/>.</summary>
    public IReadOnlyList<OutboxRow> Peek(int max, long afterSequence = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var docs = _db.Collection(StoreCollections.Outbox).Query()
            .Where(Query.GT("_id", afterSequence))
            .OrderBy("_id")
            .Limit(max)
            .ToList();
        var rows = new List<OutboxRow>(docs.Count);
        foreach (var d in docs)
        {
            rows.Add(new OutboxRow(
                d["_id"].AsInt64,
                d["topic"].AsString,
                d["payload"].AsBinary,
                new DateTimeOffset(d["createdAt"].AsInt64, TimeSpan.Zero)));
        }

        return rows;
    }

    /// <summary>Called once the broker acknowledged the row.</summary>
    public bool Delete(long sequence)
    {
        var deleted = _db.Write(db => db.GetCollection(StoreCollections.Outbox).Delete(sequence));
        if (deleted)
        {
            Interlocked.Increment(ref _delivered);
        }

        return deleted;
    }

    /// <summary>
    /// Deletes every row up to and including <paramref name="sequence"/> in one transaction: the
    /// uplink acknowledges a prefix of the queue at a time, and one commit per batch instead of
    /// one per message is what makes draining a backlog fast on a slow disk.
    /// </summary>
    public int DeleteThrough(long sequence)
    {
        var deleted = _db.Write(db => db.GetCollection(StoreCollections.Outbox).DeleteMany(Query.LTE("_id", sequence)));
        Interlocked.Add(ref _delivered, deleted);
        return deleted;
    }

    /// <summary>Completes when a row has been added (by any writer on this database) since the returned task was taken.</summary>
    public Task WhenRowsAdded() => _db.OutboxSignal.Next;

    internal void Signal() => _db.OutboxSignal.Fire();
}
