using EdgeCc.Agent.Store;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCc.Agent.Tests.Store;

public sealed class SummaryStoreTests : IDisposable
{
    private readonly TempStore _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Summary_round_trips_exactly_through_the_store_and_a_reopen()
    {
        var original = TempStore.Summary(3);
        var withAgent = TempStore.Summary(4);
        using (var db = new EdgeDatabase(_dir.Options, _time))
        {
            var store = new SummaryStore(db, _time);
            store.Add(original);
            store.Add(withAgent);
        }

        using (var db = new EdgeDatabase(_dir.Options, _time))
        {
            var list = new SummaryStore(db, _time).List();
            Assert.Equal(2, list.Count);
            TempStore.AssertSame(withAgent, list[0]);
            TempStore.AssertSame(original, list[1]);
            Assert.Null(list[1].AgentId);
        }
    }

    [Fact]
    public void List_is_newest_first_and_honours_the_limit()
    {
        using var db = new EdgeDatabase(_dir.Options, _time);
        var store = new SummaryStore(db, _time);
        for (var i = 0; i < 12; i++)
        {
            store.Add(TempStore.Summary(i));
        }

        Assert.Equal(12, store.Count);
        var list = store.List(5);
        Assert.Equal(["call-11@pbx.example", "call-10@pbx.example", "call-9@pbx.example", "call-8@pbx.example", "call-7@pbx.example"],
            list.Select(s => s.CallId));
    }

    [Fact]
    public void Add_queues_one_calls_outbox_row_per_summary_in_order()
    {
        using var db = new EdgeDatabase(_dir.Options, _time);
        var store = new SummaryStore(db, _time);
        var outbox = new Outbox(db, _time);
        var added = outbox.WhenRowsAdded();
        store.Add(TempStore.Summary(1));
        store.Add(TempStore.Summary(2));

        Assert.True(added.IsCompleted);
        var rows = outbox.Peek(10);
        Assert.Equal([1L, 2L], rows.Select(r => r.Sequence));
        Assert.All(rows, r => Assert.Equal(OutboxTopics.Calls, r.Topic));
        Assert.All(rows, r => Assert.Equal(_time.GetUtcNow(), r.CreatedAt));
        using var json = System.Text.Json.JsonDocument.Parse(rows[1].Payload);
        Assert.Equal("call-2@pbx.example", json.RootElement.GetProperty("callId").GetString());
    }

    [Fact]
    public void Outbox_sequence_never_repeats_after_the_outbox_empties_and_the_store_reopens()
    {
        using (var db = new EdgeDatabase(_dir.Options, _time))
        {
            var outbox = new Outbox(db, _time);
            Assert.Equal(1, outbox.Enqueue("alerts", new byte[] { 1 }));
            Assert.Equal(2, outbox.Enqueue("alerts", new byte[] { 2 }));
            Assert.True(outbox.Delete(1));
            Assert.True(outbox.Delete(2));
            Assert.Equal(0, outbox.Count);
        }

        using (var db = new EdgeDatabase(_dir.Options, _time))
        {
            Assert.Equal(3, new Outbox(db, _time).Enqueue("alerts", new byte[] { 3 }));
        }
    }

    [Fact]
    public void Damaged_file_is_moved_aside_and_a_fresh_store_is_created()
    {
        Directory.CreateDirectory(_dir.Options.DataDirectory);
        var garbage = new byte[64 * 1024];
        new Random(7).NextBytes(garbage);
        File.WriteAllBytes(_dir.Options.DatabasePath, garbage);

        using var db = new EdgeDatabase(_dir.Options, _time);

        Assert.NotNull(db.MovedAsidePath);
        Assert.Equal(_dir.Options.DatabasePath + ".damaged-20261123T180000Z", db.MovedAsidePath);
        Assert.Equal(garbage, File.ReadAllBytes(db.MovedAsidePath));
        var store = new SummaryStore(db, _time);
        store.Add(TempStore.Summary(1));
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void Store_directory_is_created_when_missing()
    {
        Assert.False(Directory.Exists(_dir.Options.DataDirectory));
        using var db = new EdgeDatabase(_dir.Options, _time);
        Assert.True(File.Exists(_dir.Options.DatabasePath));
        Assert.Null(db.MovedAsidePath);
    }
}
