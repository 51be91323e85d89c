using EdgeCc.Agent.Uplink;
using LiteDB;
using JsonSerializer = System.Text.Json.JsonSerializer;

namespace EdgeCc.Agent.Store;

/// <summary>Floor alerts, kept locally and queued on <c>alerts</c> in one transaction.</summary>
internal sealed class AlertStore
{
    private readonly EdgeDatabase _db;
    private readonly Outbox _outbox;
    private readonly TimeProvider _time;

    public AlertStore(EdgeDatabase db, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        _db = db;
        _time = time;
        _outbox = new Outbox(db, time);
        _db.Collection(StoreCollections.Alerts).EnsureIndex(StoredAt.Field);
    }

    public int Count => _db.Collection(StoreCollections.Alerts).Count();

    public void Add(AlertMessage alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var payload = PayloadWriter.Alert(alert);
        var document = new BsonDocument
        {
            ["alertId"] = alert.AlertId,
            ["kind"] = alert.Kind,
            ["severity"] = alert.Severity.ToString(),
            ["text"] = alert.Text,
            ["raisedAt"] = alert.RaisedAt.UtcTicks,
            ["raisedOffset"] = (int)alert.RaisedAt.Offset.TotalMinutes,
            ["agentId"] = alert.AgentId,
            ["callId"] = alert.CallId,
            ["trend"] = alert.Trend is null ? BsonValue.Null : new BsonValue(JsonSerializer.Serialize(alert.Trend)),
            [StoredAt.Field] = _time.GetUtcNow().UtcTicks,
        };
        _db.Write(db =>
        {
            db.GetCollection(StoreCollections.Alerts, BsonAutoId.Int64).Insert(document);
            return _outbox.EnqueueIn(db, OutboxTopics.Alerts, payload);
        });
        _outbox.Signal();
    }

    public IReadOnlyList<AlertMessage> List(int limit = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var docs = _db.Collection(StoreCollections.Alerts).Query().OrderByDescending("_id").Limit(limit).ToList();
        var list = new List<AlertMessage>(docs.Count);
        foreach (var d in docs)
        {
            list.Add(new AlertMessage(
                d["alertId"].AsString,
                d["kind"].AsString,
                Enum.Parse<AlertSeverity>(d["severity"].AsString),
                d["text"].AsString,
                StoredAt.Time(d["raisedAt"].AsInt64, d["raisedOffset"].AsInt32),
                d["agentId"].IsNull ? null : d["agentId"].AsString,
                d["callId"].IsNull ? null : d["callId"].AsString)
            {
                Trend = d["trend"].IsString ? JsonSerializer.Deserialize<Analysis.TopicTrendAlert>(d["trend"].AsString) : null,
            });
        }

        return list;
    }
}
