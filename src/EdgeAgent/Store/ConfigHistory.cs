using LiteDB;

namespace EdgeCc.Agent.Store;

/// <summary>
/// Every remote configuration received, in order, with its outcome. The configuration in force
/// is the newest <see cref="ConfigStatus.Accepted"/> or <see cref="ConfigStatus.Restored"/> entry;
/// it survives restarts, so a box comes back up with the last good configuration.
/// </summary>
internal sealed class ConfigHistory
{
    private readonly EdgeDatabase _db;
    private readonly Outbox _outbox;
    private readonly TimeProvider _time;

    public ConfigHistory(EdgeDatabase db, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        _db = db;
        _time = time;
        _outbox = new Outbox(db, time);
    }

    public int Count => _db.Collection(StoreCollections.ConfigHistory).Count();

    /// <summary>Appends an entry and, in the same transaction, queues <paramref name="ackPayload"/> on <c>config/ack</c> when given.</summary>
    public ConfigRecord Record(string version, ConfigStatus status, string json, IReadOnlyList<string> errors, ReadOnlyMemory<byte>? ackPayload = null)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(errors);
        var now = _time.GetUtcNow();
        var id = _db.Write(db =>
        {
            var id = db.GetCollection(StoreCollections.ConfigHistory, BsonAutoId.Int64).Insert(ToDocument(version, status, json, errors, now)).AsInt64;
            if (ackPayload is { } ack)
            {
                _outbox.EnqueueIn(db, OutboxTopics.ConfigAck, ack);
            }

            return id;
        });
        if (ackPayload is not null)
        {
            _outbox.Signal();
        }

        return new ConfigRecord(id, version, status, json, errors, now);
    }

    /// <summary>The configuration in force, or null when none was ever accepted.</summary>
    public ConfigRecord? Active()
    {
        var doc = _db.Collection(StoreCollections.ConfigHistory).Query()
            .Where(Query.Or(Query.EQ("status", nameof(ConfigStatus.Accepted)), Query.EQ("status", nameof(ConfigStatus.Restored))))
            .OrderByDescending("_id")
            .FirstOrDefault();
        return doc is null ? null : FromDocument(doc);
    }

    /// <summary>
    /// Puts the previous good configuration back: every entry of the active version is marked
    /// <see cref="ConfigStatus.RolledBack"/> (so a second rollback goes further back, not back
    /// and forth) and the newest remaining good entry is appended as <see cref="ConfigStatus.Restored"/>.
    /// Returns null, changing nothing, when there is nothing to roll back to.
    /// </summary>
    public ConfigRecord? Rollback(Func<ConfigRecord, ReadOnlyMemory<byte>>? ackFor = null, string? requestVersion = null, string? requestJson = null)
    {
        var now = _time.GetUtcNow();
        var restored = _db.Write<ConfigRecord?>(db =>
        {
            var col = db.GetCollection(StoreCollections.ConfigHistory, BsonAutoId.Int64);
            var good = Query.Or(Query.EQ("status", nameof(ConfigStatus.Accepted)), Query.EQ("status", nameof(ConfigStatus.Restored)));
            var active = col.Query().Where(good).OrderByDescending("_id").FirstOrDefault();
            if (active is null)
            {
                return null;
            }

            var activeVersion = active["version"].AsString;
            var previous = col.Query()
                .Where(Query.And(good, Query.Not("version", activeVersion)))
                .OrderByDescending("_id")
                .FirstOrDefault();
            if (previous is null)
            {
                return null;
            }

            foreach (var doc in col.Find(Query.And(good, Query.EQ("version", activeVersion))).ToList())
            {
                doc["status"] = nameof(ConfigStatus.RolledBack);
                col.Update(doc);
            }

            if (requestVersion is not null)
            {
                col.Insert(ToDocument(requestVersion, ConfigStatus.RollbackRequest, requestJson ?? "", [], now));
            }

            var record = FromDocument(previous) with { Status = ConfigStatus.Restored, At = now };
            var id = col.Insert(ToDocument(record.Version, record.Status, record.Json, record.Errors, now)).AsInt64;
            record = record with { Id = id };
            if (ackFor is not null)
            {
                _outbox.EnqueueIn(db, OutboxTopics.ConfigAck, ackFor(record));
            }

            return record;
        });
        if (restored is not null && ackFor is not null)
        {
            _outbox.Signal();
        }

        return restored;
    }

    /// <summary>Whether a message with this version and exactly this content was handled before.</summary>
    public bool Seen(string version, string json)
    {
        foreach (var doc in _db.Collection(StoreCollections.ConfigHistory).Find(Query.EQ("version", version)).ToList())
        {
            if (doc["json"].AsString == json && doc["status"].AsString != nameof(ConfigStatus.Restored))
            {
                return true;
            }
        }

        return false;
    }

    public IReadOnlyList<ConfigRecord> List(int limit = 50)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var docs = _db.Collection(StoreCollections.ConfigHistory).Query().OrderByDescending("_id").Limit(limit).ToList();
        var list = new List<ConfigRecord>(docs.Count);
        foreach (var d in docs)
        {
            list.Add(FromDocument(d));
        }

        return list;
    }

    private static BsonDocument ToDocument(string version, ConfigStatus status, string json, IReadOnlyList<string> errors, DateTimeOffset at)
    {
        var errorArray = new BsonArray();
        foreach (var e in errors)
        {
            errorArray.Add(e);
        }

        return new BsonDocument
        {
            ["version"] = version,
            ["status"] = status.ToString(),
            ["json"] = json,
            ["errors"] = errorArray,
            [StoredAt.Field] = at.UtcTicks,
        };
    }

    private static ConfigRecord FromDocument(BsonDocument d)
    {
        var errors = new List<string>();
        foreach (var e in d["errors"].AsArray)
        {
            errors.Add(e.AsString);
        }

        return new ConfigRecord(
            d["_id"].AsInt64,
            d["version"].AsString,
            Enum.Parse<ConfigStatus>(d["status"].AsString),
            d["json"].AsString,
            errors,
            new DateTimeOffset(d[StoredAt.Field].AsInt64, TimeSpan.Zero));
    }
}
