using EdgeCc.Agent.Uplink;
using LiteDB;

namespace EdgeCc.Agent.Store;

/// <summary>Periodic metrics snapshots, kept locally and queued on <c>metrics</c>; the first to go under retention.</summary>
internal sealed class MetricsStore
{
    private readonly EdgeDatabase _db;
    private readonly Outbox _outbox;
    private readonly TimeProvider _time;

    public MetricsStore(EdgeDatabase db, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        _db = db;
        _time = time;
        _outbox = new Outbox(db, time);
        _db.Collection(StoreCollections.Metrics).EnsureIndex(StoredAt.Field);
    }

    public int Count => _db.Collection(StoreCollections.Metrics).Count();

    public void Add(MetricsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var payload = PayloadWriter.Metrics(snapshot);

        // Metric names contain dots, which LiteDB reads as paths in field names, so values are name/value pairs.
        var values = new BsonArray();
        foreach (var (name, value) in snapshot.Values)
        {
            values.Add(new BsonDocument { ["n"] = name, ["v"] = value });
        }

        var document = new BsonDocument
        {
            ["at"] = snapshot.At.UtcTicks,
            ["atOffset"] = (int)snapshot.At.Offset.TotalMinutes,
            ["values"] = values,
            [StoredAt.Field] = _time.GetUtcNow().UtcTicks,
        };
        _db.Write(db =>
        {
            db.GetCollection(StoreCollections.Metrics, BsonAutoId.Int64).Insert(document);
            return _outbox.EnqueueIn(db, OutboxTopics.Metrics, payload);
        });
        _outbox.Signal();
    }

    public IReadOnlyList<MetricsSnapshot> List(int limit = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var docs = _db.Collection(StoreCollections.Metrics).Query().OrderByDescending("_id").Limit(limit).ToList();
        var list = new List<MetricsSnapshot>(docs.Count);
        foreach (var d in docs)
        {
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var v in d["values"].AsArray)
            {
                values[v["n"].AsString] = v["v"].AsDouble;
            }

            list.Add(new MetricsSnapshot(StoredAt.Time(d["at"].AsInt64, d["atOffset"].AsInt32), values));
        }

        return list;
    }
}
