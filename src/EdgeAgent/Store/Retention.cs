using LiteDB;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeCc.Agent.Store;

/// <summary>
/// Keeps the store inside its age limits and its size bound.
/// <para>By age: metrics, alerts and summaries older than their <see cref="StoreOptions"/> age
/// are deleted, undelivered <c>metrics</c> outbox rows older than the metrics age too (stale
/// metrics are worth nothing to central), and configuration history beyond
/// <see cref="StoreOptions.ConfigHistoryMaxEntries"/> (never the entry in force).</para>
/// <para>By size, when the file is over <see cref="StoreOptions.MaxFileBytes"/>, the oldest half of
/// one step at a time is evicted, then the file is compacted, until it fits. The order, cheapest
/// loss first: (1) metrics snapshots, (2) undelivered metrics and floor outbox rows, (3) alerts,
/// (4) configuration history, (5) call summaries (local copies; their outbox rows still carry
/// them to central), and only then, as a loud last resort, (6) undelivered alerts and (7)
/// undelivered calls outbox rows. Every eviction is counted in <see cref="Evicted"/>.</para>
/// </summary>
internal sealed class Retention
{
    private readonly EdgeDatabase _db;
    private readonly StoreOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private long _evicted;

    public Retention(EdgeDatabase db, StoreOptions options, TimeProvider time, ILogger<Retention>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _db = db;
        _options = options;
        _time = time;
        _log = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Documents evicted since start (all collections, outbox included).</summary>
    public long Evicted => Interlocked.Read(ref _evicted);

    public RetentionResult Run()
    {
        var evicted = new Dictionary<string, int>(StringComparer.Ordinal);
        var before = _db.FileBytes;
        var now = _time.GetUtcNow().UtcTicks;

        Count(evicted, StoreCollections.Metrics, "age", DeleteOlder(StoreCollections.Metrics, now - _options.MetricsMaxAge.Ticks));
        Count(evicted, StoreCollections.Alerts, "age", DeleteOlder(StoreCollections.Alerts, now - _options.AlertsMaxAge.Ticks));
        Count(evicted, StoreCollections.Summaries, "age", DeleteOlder(StoreCollections.Summaries, now - _options.SummariesMaxAge.Ticks));
        Count(evicted, "outbox:" + OutboxTopics.Metrics, "age", _db.Write(db => db.GetCollection(StoreCollections.Outbox).DeleteMany(
            Query.And(Query.EQ("topic", OutboxTopics.Metrics), Query.LT("createdAt", now - _options.MetricsMaxAge.Ticks)))));
        Count(evicted, StoreCollections.ConfigHistory, "count", TrimConfigHistory(_options.ConfigHistoryMaxEntries));

        if (_db.FileBytes > _options.MaxFileBytes)
        {
            // Rows the broker acknowledged and the uplink has not purged yet go first: they are
            // delivered, so deleting them is no eviction.
            var outbox = new Outbox(_db, _time);
            while (outbox.PurgeAcknowledged(5_000) > 0)
            {
            }

            var steps = new (string Key, Func<int> Evict)[]
            {
                (StoreCollections.Metrics, () => DeleteOldestHalf(StoreCollections.Metrics, null)),
                ("outbox:" + OutboxTopics.Metrics, () => DeleteOldestHalf(StoreCollections.Outbox, OutboxTopics.Metrics)),
                ("outbox:" + OutboxTopics.Floor, () => DeleteOldestHalf(StoreCollections.Outbox, OutboxTopics.Floor)),
                (StoreCollections.Alerts, () => DeleteOldestHalf(StoreCollections.Alerts, null)),
                (StoreCollections.ConfigHistory, () => TrimConfigHistory(2)),
                (StoreCollections.Summaries, () => DeleteOldestHalf(StoreCollections.Summaries, null)),
                ("outbox:" + OutboxTopics.Alerts, () => DeleteOldestHalf(StoreCollections.Outbox, OutboxTopics.Alerts)),
                ("outbox:" + OutboxTopics.Calls, () => DeleteOldestHalf(StoreCollections.Outbox, OutboxTopics.Calls)),
            };
            foreach (var (key, evict) in steps)
            {
                while (_db.FileBytes > _options.MaxFileBytes)
                {
                    var n = evict();
                    if (n == 0)
                    {
                        break;
                    }

                    Count(evicted, key, "size", n);
                    if (key.StartsWith("outbox:", StringComparison.Ordinal))
                    {
                        StoreLog.EvictedUndelivered(_log, n, key["outbox:".Length..], _options.MaxFileBytes);
                    }

                    _db.Checkpoint();
                    _db.Rebuild();
                }
            }
        }

        return new RetentionResult(evicted, before, _db.FileBytes);
    }

    private void Count(Dictionary<string, int> evicted, string key, string why, int n)
    {
        if (n == 0)
        {
            return;
        }

        evicted[key] = evicted.GetValueOrDefault(key) + n;
        Interlocked.Add(ref _evicted, n);
        StoreLog.Evicted(_log, n, key, why);
    }

    private int DeleteOlder(string collection, long cutoffTicks) =>
        _db.Write(db => db.GetCollection(collection).DeleteMany(Query.LT(StoredAt.Field, cutoffTicks)));

    private int DeleteOldestHalf(string collection, string? topic) => _db.Write(db =>
    {
        var col = db.GetCollection(collection);
        var query = col.Query();
        if (topic is not null)
        {
            query = query.Where(Query.EQ("topic", topic));
        }

        var count = query.Count();
        if (count == 0)
        {
            return 0;
        }

        var take = Math.Max(1, count / 2);
        var q2 = col.Query();
        if (topic is not null)
        {
            q2 = q2.Where(Query.EQ("topic", topic));
        }

        var last = q2.OrderBy("_id").Select(BsonExpression.Create("_id")).Offset(take - 1).Limit(1).First()["_id"];
        var upTo = Query.LTE("_id", last);
        return col.DeleteMany(topic is null ? upTo : Query.And(Query.EQ("topic", topic), upTo));
    });

    private int TrimConfigHistory(int keep) => _db.Write(db =>
    {
        var col = db.GetCollection(StoreCollections.ConfigHistory);
        var count = col.Count();
        if (count <= keep)
        {
            return 0;
        }

        var good = Query.Or(Query.EQ("status", nameof(ConfigStatus.Accepted)), Query.EQ("status", nameof(ConfigStatus.Restored)));
        var active = col.Query().Where(good).OrderByDescending("_id").FirstOrDefault();
        var keepFrom = col.Query().OrderByDescending("_id").Select(BsonExpression.Create("_id")).Offset(keep - 1).Limit(1).First()["_id"];
        var old = Query.LT("_id", keepFrom);
        return col.DeleteMany(active is null ? old : Query.And(old, Query.Not("_id", active["_id"])));
    });
}
