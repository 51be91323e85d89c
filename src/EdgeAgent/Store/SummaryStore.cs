using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Uplink;
using LiteDB;

namespace EdgeCc.Agent.Store;

/// <summary>Finished calls, kept locally for the wallboard and queued for central in one transaction.</summary>
internal sealed class SummaryStore
{
    private readonly EdgeDatabase _db;
    private readonly Outbox _outbox;
    private readonly TimeProvider _time;

    public SummaryStore(EdgeDatabase db, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        _db = db;
        _time = time;
        _outbox = new Outbox(db, time);
        _db.Collection(StoreCollections.Summaries).EnsureIndex(StoredAt.Field);
    }

    public int Count => _db.Collection(StoreCollections.Summaries).Count();

    public void Add(CallSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var document = CallSummaryDocument.ToDocument(summary);
        document[StoredAt.Field] = _time.GetUtcNow().UtcTicks;
        var payload = PayloadWriter.CallSummary(summary);
        _db.Write(db =>
        {
            db.GetCollection(StoreCollections.Summaries, BsonAutoId.Int64).Insert(document);
            return _outbox.EnqueueIn(db, OutboxTopics.Calls, payload);
        });
        _outbox.Signal();
    }

    /// <summary>Newest first (in the order they were stored).</summary>
    public IReadOnlyList<CallSummary> List(int limit = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var docs = _db.Collection(StoreCollections.Summaries).Query()
            .OrderByDescending("_id")
            .Limit(limit)
            .ToList();
        var list = new List<CallSummary>(docs.Count);
        foreach (var d in docs)
        {
            list.Add(CallSummaryDocument.FromDocument(d));
        }

        return list;
    }
}
