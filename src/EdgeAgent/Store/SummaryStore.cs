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
        AddRange([summary]);
    }

    /// <summary>
    /// Stores several summaries (and their outbox rows) in one transaction: LiteDB flushes the
    /// disk once per commit, so grouping what is already queued multiplies throughput on slow
    /// storage (SD cards) without weakening what a commit promises.
    /// </summary>
    public void AddRange(IReadOnlyList<CallSummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        if (summaries.Count == 0)
        {
            return;
        }

        var now = _time.GetUtcNow().UtcTicks;
        var documents = new List<BsonDocument>(summaries.Count);
        var payloads = new List<ReadOnlyMemory<byte>>(summaries.Count);
        foreach (var summary in summaries)
        {
            ArgumentNullException.ThrowIfNull(summary);
            var document = CallSummaryDocument.ToDocument(summary);
            document[StoredAt.Field] = now;
            documents.Add(document);
            payloads.Add(PayloadWriter.CallSummary(summary));
        }

        _db.Write(db =>
        {
            db.GetCollection(StoreCollections.Summaries, BsonAutoId.Int64).InsertBulk(documents);
            return _outbox.EnqueueManyIn(db, OutboxTopics.Calls, payloads);
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
