using System.Buffers;

namespace EdgeCc.Agent.Capture;

/// <summary>
/// Puts IPv4 and IPv6 fragments back together. Memory is bounded: at most
/// <see cref="MaxPending"/> datagrams are held (the oldest is evicted), each in one pooled
/// 64 KiB buffer, and a datagram not completed within the timeout (measured on packet
/// timestamps, so replays behave like live capture) is dropped and counted.
/// </summary>
internal sealed class FragmentReassembler : IDisposable
{
    public const int MaxDatagram = 65_535;
    private const int UnitShift = 3; // fragment offsets count 8-byte units (RFC 791 §3.1)

    private readonly List<Pending> _pending = [];
    private readonly byte[] _output = new byte[MaxDatagram];
    private readonly long _timeoutTicks;

    public FragmentReassembler(int maxPending = 256, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPending, 1);
        MaxPending = maxPending;
        _timeoutTicks = (timeout ?? TimeSpan.FromSeconds(30)).Ticks;
    }

    public int MaxPending { get; }

    public int PendingCount => _pending.Count;

    /// <summary>Datagrams given up on (timeout, eviction, inconsistent fragments).</summary>
    public long Dropped { get; private set; }

    public long Completed { get; private set; }

    /// <summary>
    /// Adds one fragment. On <see cref="FragmentOutcome.Complete"/>, <paramref name="datagram"/>
    /// is the whole upper-layer payload, valid until the next call.
    /// </summary>
    public FragmentOutcome Add(FragmentKey key, int offset, bool moreFragments, ReadOnlySpan<byte> data, long ticks, out ReadOnlySpan<byte> datagram)
    {
        datagram = default;
        Expire(ticks);
        var end = offset + data.Length;
        if (end > MaxDatagram || (moreFragments && (data.Length & 7) != 0) || data.Length == 0)
        {
            Discard(key);
            Dropped++;
            return FragmentOutcome.Dropped;
        }

        var entry = Find(key);
        if (entry is null)
        {
            if (_pending.Count >= MaxPending)
            {
                Release(0);
                Dropped++;
            }

            entry = new Pending(key, ticks);
            _pending.Add(entry);
        }

        if (!moreFragments)
        {
            if (entry.TotalLength >= 0 && entry.TotalLength != end)
            {
                Remove(entry);
                Dropped++;
                return FragmentOutcome.Dropped;
            }

            entry.TotalLength = end;
        }
        else if (entry.TotalLength >= 0 && end > entry.TotalLength)
        {
            Remove(entry);
            Dropped++;
            return FragmentOutcome.Dropped;
        }

        data.CopyTo(entry.Buffer.AsSpan(offset));
        var firstUnit = offset >> UnitShift;
        var lastUnit = (end + 7) >> UnitShift;
        for (var unit = firstUnit; unit < lastUnit; unit++)
        {
            var mask = (byte)(1 << (unit & 7));
            if ((entry.Bitmap[unit >> 3] & mask) == 0)
            {
                entry.Bitmap[unit >> 3] |= mask;
                entry.UnitsHeld++;
            }
        }

        if (entry.TotalLength < 0 || entry.UnitsHeld < (entry.TotalLength + 7) >> UnitShift)
        {
            return FragmentOutcome.Held;
        }

        var length = entry.TotalLength;
        entry.Buffer.AsSpan(0, length).CopyTo(_output);
        Remove(entry);
        Completed++;
        datagram = _output.AsSpan(0, length);
        return FragmentOutcome.Complete;
    }

    /// <summary>Drops datagrams older than the timeout at packet time <paramref name="ticks"/>.</summary>
    public void Expire(long ticks)
    {
        for (var i = _pending.Count - 1; i >= 0; i--)
        {
            if (ticks - _pending[i].FirstTicks > _timeoutTicks)
            {
                Release(i);
                Dropped++;
            }
        }
    }

    public void Dispose()
    {
        while (_pending.Count > 0)
        {
            Release(_pending.Count - 1);
        }
    }

    private Pending? Find(in FragmentKey key)
    {
        for (var i = 0; i < _pending.Count; i++)
        {
            if (_pending[i].Key == key)
            {
                return _pending[i];
            }
        }

        return null;
    }

    private void Discard(in FragmentKey key)
    {
        var entry = Find(key);
        if (entry is not null)
        {
            Remove(entry);
        }
    }

    private void Remove(Pending entry) => Release(_pending.IndexOf(entry));

    private void Release(int index)
    {
        var entry = _pending[index];
        _pending.RemoveAt(index);
        ArrayPool<byte>.Shared.Return(entry.Buffer);
    }

    private sealed class Pending(FragmentKey key, long ticks)
    {
        public FragmentKey Key { get; } = key;

        public long FirstTicks { get; } = ticks;

        public byte[] Buffer { get; } = ArrayPool<byte>.Shared.Rent(MaxDatagram);

        public byte[] Bitmap { get; } = new byte[((MaxDatagram >> UnitShift) + 8) / 8];

        public int UnitsHeld { get; set; }

        public int TotalLength { get; set; } = -1;
    }
}
