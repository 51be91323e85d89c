using EdgeCc.Agent.Analysis;

namespace EdgeCc.Agent.Tests.Analysis;

public sealed class SignalPreRollTests
{
    private static short[] Ramp(int from, int count) => Enumerable.Range(from, count).Select(i => (short)i).ToArray();

    [Fact]
    public void Keeps_the_newest_samples_oldest_first_across_the_ring_edge()
    {
        var preRoll = new SignalPreRoll(capacity: 10);
        preRoll.Write(Ramp(0, 7));
        preRoll.Write(Ramp(7, 7));

        var destination = new short[10];
        var copied = preRoll.CopyTo(destination);

        Assert.Equal(10, copied);
        Assert.Equal(Ramp(4, 10), destination);
        Assert.Equal(0, preRoll.Count);
    }

    [Fact]
    public void A_partly_filled_buffer_gives_back_exactly_what_was_written()
    {
        var preRoll = new SignalPreRoll(capacity: 10);
        preRoll.Write(Ramp(1, 3));

        var destination = new short[10];
        Assert.Equal(3, preRoll.CopyTo(destination));
        Assert.Equal(Ramp(1, 3), destination[..3]);
    }

    [Fact]
    public void A_frame_longer_than_the_buffer_keeps_its_tail()
    {
        var preRoll = new SignalPreRoll(capacity: 4);
        preRoll.Write(Ramp(0, 9));

        var destination = new short[4];
        preRoll.CopyTo(destination);

        Assert.Equal(Ramp(5, 4), destination);
    }

    [Fact]
    public void A_too_small_destination_is_refused_without_losing_the_samples()
    {
        var preRoll = new SignalPreRoll(capacity: 8);
        preRoll.Write(Ramp(0, 8));

        Assert.Throws<ArgumentException>(() => preRoll.CopyTo(new short[4]));
        Assert.Equal(8, preRoll.Count);
    }
}
