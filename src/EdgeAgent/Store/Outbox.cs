using LiteDB;

namespace EdgeCc.Agent.Store;

/// <summary>
/// Messages accepted for delivery, in the order they were accepted. A row is written in the
/// same transaction as the record it announces. When the uplink has the broker's PUBACK for a
/// prefix of the queue it moves the acknowledged mark (<see cref="AcknowledgeThrough"/>); rows at
/// or below the mark are never sent again and are deleted later in chunks
/// (<see cref="PurgeAcknowledged"/>). Nothing accepted is lost across WAN outages or power cuts.
/// </summary>
internal sealed class Outbox
{
    private const string SequenceCounter = "outbox.sequence";
    private const string AcknowledgedCounter = "outbox.acknowledged";
    private readonly EdgeDatabase _db;
    private readonly TimeProvider _time;
    private long _enqueued;
    private long _delivered;
    private long _purged;

    public Outbox(EdgeDatabase db, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        _db = db;
        _time = time;
        _db.Collection(StoreCollections.Outbox).EnsureIndex("topic");
    }

    /// <summary>Rows waiting for the broker's acknowledgement.</summary>
    public int Count => _db.Collection(StoreCollections.Outbox).Count(Query.GT("_id", AcknowledgedThrough));

    public long Enqueued => Interlocked.Read(ref _enqueued);

    /// <summary>Rows acknowledged by the broker (or deleted one by one) since start.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Acknowledged rows deleted by <see cref="PurgeAcknowledged"/> since start.</summary>
    public long Purged => Interlocked.Read(ref _purged);

    /// <summary>Sequence number of the newest row ever enqueued (0 before the first).</summary>
    public long LastSequence => ReadCounter(_db.Collection(StoreCollections.Counters), SequenceCounter);

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
        var sequence = ReadCounter(counters, SequenceCounter);
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

    /// <summary>
    /// The oldest rows not yet acknowledged, in sequence order, starting after
    /// <paramref name="afterSequence"/>. The query walks the <c>_id</c> index from that point and
    /// stops after <paramref name="max"/> rows, so its cost does not depend on the backlog.
    /// </summary>
    public IReadOnlyList<OutboxRow> Peek(int max, long afterSequence = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var after = Math.Max(afterSequence, AcknowledgedThrough);
        var docs = _db.Collection(StoreCollections.Outbox).Query()
            .Where(Query.GT("_id", after))
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
    /// Marks every row up to and including <paramref name="sequence"/> delivered, in one small
    /// transaction (one counter document), and returns how many rows that newly covers. The uplink
    /// calls it with the end of the acknowledged prefix. Deleting the rows themselves costs LiteDB
    /// about 0.2 ms of CPU per row (data block, two index nodes, free lists), which alone would cap
    /// a drain near the disk's delete rate; so deleting is left to <see cref="PurgeAcknowledged"/>,
    /// which the uplink runs when it has nothing to send. Rows at or below the mark are never sent
    /// again, whether or not they are purged yet.
    /// </summary>
    public int AcknowledgeThrough(long sequence)
    {
        var newly = _db.Write(db =>
        {
            var counters = db.GetCollection(StoreCollections.Counters);
            var current = ReadCounter(counters, AcknowledgedCounter);
            if (sequence <= current)
            {
                return 0;
            }

            // One range predicate: LiteDB counts it on the _id index alone (an And of two would load every document past the mark).
            var covered = db.GetCollection(StoreCollections.Outbox).Count(Query.Between("_id", current + 1, sequence));
            counters.Upsert(new BsonDocument { ["_id"] = AcknowledgedCounter, ["value"] = sequence });
            return covered;
        });
        Interlocked.Add(ref _delivered, newly);
        return newly;
    }

    /// <summary>Sequence number up to which every row has been acknowledged by the broker (0 before the first).</summary>
    public long AcknowledgedThrough => ReadCounter(_db.Collection(StoreCollections.Counters), AcknowledgedCounter);

    /// <summary>
    /// Deletes up to <paramref name="max"/> of the oldest acknowledged rows in one transaction;
    /// returns how many went (0 when none is left). A row is deleted only after its PUBACK.
    /// </summary>
    public int PurgeAcknowledged(int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var deleted = _db.Write(db =>
        {
            var acknowledged = ReadCounter(db.GetCollection(StoreCollections.Counters), AcknowledgedCounter);
            var outbox = db.GetCollection(StoreCollections.Outbox);
            var oldest = outbox.Query().OrderBy("_id").Select(BsonExpression.Create("_id")).Limit(1).FirstOrDefault();
            if (oldest is null || oldest["_id"].AsInt64 > acknowledged)
            {
                return 0;
            }

            // Sequences may have gaps (ReplaceLatest, retention), so this deletes at most max rows, at least one.
            var upTo = Math.Min(acknowledged, oldest["_id"].AsInt64 + max - 1);
            return outbox.DeleteMany(Query.LTE("_id", upTo));
        });
        Interlocked.Add(ref _purged, deleted);
        return deleted;
    }

    /// <summary>Rows in the store, acknowledged ones not yet purged included.</summary>
    public int StoredRows => _db.Collection(StoreCollections.Outbox).Count();

    /// <summary>Completes when a row has been added (by any writer on this database) since the returned task was taken.</summary>
    public Task WhenRowsAdded() => _db.OutboxSignal.Next;

    internal void Signal() => _db.OutboxSignal.Fire();

    private static long ReadCounter(ILiteCollection<BsonDocument> counters, string id)
    {
        var doc = counters.FindById(id);
        return doc is null ? 0 : doc["value"].AsInt64;
    }
}
