using EdgeCc.Agent.Store;
using EdgeCc.Agent.Uplink;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCc.Agent.Tests.Store;

public sealed class OutboxTests : IDisposable
{
    private readonly TempStore _dir = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Acknowledged_rows_are_never_peeked_again_survive_a_reopen_as_acknowledged_and_are_purged_in_chunks()
    {
        using (var db = new EdgeDatabase(_dir.Options, _time))
        {
            var outbox = new Outbox(db, _time);
            for (var i = 0; i < 10; i++)
            {
                outbox.Enqueue(OutboxTopics.Calls, "{}"u8.ToArray());
            }

            Assert.Equal(4, outbox.AcknowledgeThrough(4));
            Assert.Equal(0, outbox.AcknowledgeThrough(3));
            Assert.Equal(6, outbox.Count);
            Assert.Equal(10, outbox.StoredRows);
            Assert.Equal(5, outbox.Peek(100)[0].Sequence);
            Assert.Equal(7, outbox.Peek(100, afterSequence: 6)[0].Sequence);
        }

        using (var db = new EdgeDatabase(_dir.Options, _time))
        {
            var outbox = new Outbox(db, _time);
            Assert.Equal(4, outbox.AcknowledgedThrough);
            Assert.Equal(5, outbox.Peek(1)[0].Sequence);

            // Never past the mark: rows 5..10 wait for their PUBACK.
            Assert.Equal(3, outbox.PurgeAcknowledged(3));
            Assert.Equal(1, outbox.PurgeAcknowledged(3));
            Assert.Equal(0, outbox.PurgeAcknowledged(3));
            Assert.Equal(6, outbox.StoredRows);
            Assert.Equal(4, outbox.Purged);
            Assert.Equal(11, outbox.Enqueue(OutboxTopics.Calls, "{}"u8.ToArray()));
        }
    }

    [Fact]
    public void Window_is_max_in_flight_capped_by_the_brokers_receive_maximum()
    {
        Assert.Equal(256, UplinkService.EffectiveWindow(256, 0));
        Assert.Equal(20, UplinkService.EffectiveWindow(256, 20));
        Assert.Equal(16, UplinkService.EffectiveWindow(16, 20));
    }
}
