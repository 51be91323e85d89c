using System.Threading.Channels;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// A bounded channel between two stages with a name, an overflow policy and counters, so
/// that a queue that backs up or drops shows in metrics instead of vanishing silently.
/// </summary>
public sealed class StageChannel<T>
{
    private readonly Channel<T> _channel;
    private long _written;
    private long _read;
    private long _dropped;

    public StageChannel(string name, int capacity, OverflowPolicy policy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Name = name;
        Capacity = capacity;
        Policy = policy;
        var options = new BoundedChannelOptions(capacity)
        {
            FullMode = policy switch
            {
                OverflowPolicy.DropOldest => BoundedChannelFullMode.DropOldest,
                OverflowPolicy.DropNewest => BoundedChannelFullMode.DropWrite,
                _ => BoundedChannelFullMode.Wait,
            },
            SingleReader = true,
        };
        _channel = Channel.CreateBounded(options, (T _) => Interlocked.Increment(ref _dropped));
    }

    public string Name { get; }

    public int Capacity { get; }

    public OverflowPolicy Policy { get; }

    public long Written => Interlocked.Read(ref _written);

    public long Read => Interlocked.Read(ref _read);

    public long Dropped => Interlocked.Read(ref _dropped);

    public int Depth => _channel.Reader.Count;

    public StageSnapshot Snapshot() => new(Name, Policy, Capacity, Depth, Written, Read, Dropped);

    public async ValueTask WriteAsync(T item, CancellationToken cancellationToken = default)
    {
        await _channel.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _written);
    }

    /// <summary>Writes without waiting; under <see cref="OverflowPolicy.Wait"/> a full channel refuses and the refusal is counted as a drop.</summary>
    public bool TryWrite(T item)
    {
        if (_channel.Writer.TryWrite(item))
        {
            Interlocked.Increment(ref _written);
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    public void Complete(Exception? error = null) => _channel.Writer.TryComplete(error);

    public async IAsyncEnumerable<T> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var item))
            {
                Interlocked.Increment(ref _read);
                yield return item;
            }
        }
    }
}
