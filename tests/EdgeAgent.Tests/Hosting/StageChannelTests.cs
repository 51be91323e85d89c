using EdgeCc.Agent.Hosting;

namespace EdgeCc.Agent.Tests.Hosting;

public class StageChannelTests
{
    [Fact]
    public async Task Drop_oldest_keeps_the_newest_items_and_counts_the_drops()
    {
        var channel = new StageChannel<int>("live", 2, OverflowPolicy.DropOldest);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(channel.TryWrite(i));
        }

        channel.Complete();
        var read = new List<int>();
        await foreach (var item in channel.ReadAllAsync())
        {
            read.Add(item);
        }

        Assert.Equal([3, 4], read);
        Assert.Equal(3, channel.Dropped);
        Assert.Equal(5, channel.Written);
        Assert.Equal(2, channel.Read);
    }

    [Fact]
    public void Wait_policy_refuses_a_non_waiting_write_when_full_and_counts_it()
    {
        var channel = new StageChannel<int>("summaries", 1, OverflowPolicy.Wait);
        Assert.True(channel.TryWrite(1));
        Assert.False(channel.TryWrite(2));
        Assert.Equal(1, channel.Dropped);
        Assert.Equal(1, channel.Depth);
    }

    [Fact]
    public async Task Wait_policy_makes_the_writer_wait_until_there_is_room()
    {
        var channel = new StageChannel<int>("summaries", 1, OverflowPolicy.Wait);
        await channel.WriteAsync(1);
        var pending = channel.WriteAsync(2).AsTask();
        Assert.False(pending.IsCompleted);

        await using var items = channel.ReadAllAsync().GetAsyncEnumerator();
        Assert.True(await items.MoveNextAsync());
        await pending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, channel.Dropped);
    }
}
