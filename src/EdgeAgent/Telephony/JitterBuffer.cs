namespace EdgeCc.Agent.Telephony;

/// <summary>
/// Puts one RTP source's packets back in sequence order. Packets are keyed by extended
/// sequence number (wrap-free), held in a fixed ring, and released in order; a missing packet
/// is declared lost once <see cref="Depth"/> later packets have arrived, because a mirror port
/// shows reordering of a few packets at most. Slots keep their byte arrays, so a steady
/// stream allocates nothing.
/// </summary>
internal sealed class JitterBuffer
{
    public const int Capacity = 64;

    private readonly Slot[] _slots = new Slot[Capacity];
    private long _next = -1;
    private long _highest = -1;
    private int _held;

    public JitterBuffer(int depth)
    {
        Depth = Math.Clamp(depth, 0, Capacity - 1);
        for (var i = 0; i < Capacity; i++)
        {
            _slots[i] = new Slot();
        }
    }

    public int Depth { get; }

    public int Held => _held;

    public JitterPushResult Push(long sequence, long timestamp, byte payloadType, ReadOnlySpan<byte> payload)
    {
        if (_next < 0)
        {
            _next = sequence;
            _highest = sequence;
        }

        if (sequence < _next)
        {
            return JitterPushResult.Late;
        }

        if (sequence - _next >= Capacity)
        {
            return JitterPushResult.OutOfWindow;
        }

        var slot = _slots[sequence & (Capacity - 1)];
        if (slot.Used)
        {
            return JitterPushResult.Duplicate;
        }

        slot.Store(sequence, timestamp, payloadType, payload);
        _held++;
        if (sequence > _highest)
        {
            _highest = sequence;
        }

        return JitterPushResult.Accepted;
    }

    /// <summary>Releases the next packet or loss run if it is due; with <paramref name="flush"/> everything held is due.</summary>
    public bool TryPop(bool flush, out JitterOutput output)
    {
        output = default;
        if (_held == 0)
        {
            return false;
        }

        var slot = _slots[_next & (Capacity - 1)];
        if (slot.Used && slot.Sequence == _next)
        {
            slot.Used = false;
            _held--;
            _next++;
            output = new JitterOutput(slot.Sequence, slot.Timestamp, slot.PayloadType, 0, slot.Data.AsSpan(0, slot.Length));
            return true;
        }

        if (!flush && _highest - _next < Depth)
        {
            return false;
        }

        // Skip to the oldest packet still held; everything before it is lost.
        var oldest = long.MaxValue;
        foreach (var candidate in _slots)
        {
            if (candidate.Used && candidate.Sequence < oldest)
            {
                oldest = candidate.Sequence;
            }
        }

        var lost = (int)Math.Min(int.MaxValue, oldest - _next);
        _next = oldest;
        var held = _slots[oldest & (Capacity - 1)];
        output = new JitterOutput(oldest, held.Timestamp, held.PayloadType, lost, default);
        return true;
    }

    /// <summary>Forgets everything (after a sequence resync or an SSRC restart).</summary>
    public void Reset()
    {
        foreach (var slot in _slots)
        {
            slot.Used = false;
        }

        _held = 0;
        _next = -1;
        _highest = -1;
    }

    private sealed class Slot
    {
        public bool Used { get; set; }

        public long Sequence { get; private set; }

        public long Timestamp { get; private set; }

        public byte PayloadType { get; private set; }

        public byte[] Data { get; private set; } = [];

        public int Length { get; private set; }

        public void Store(long sequence, long timestamp, byte payloadType, ReadOnlySpan<byte> payload)
        {
            if (Data.Length < payload.Length)
            {
                Data = new byte[Math.Max(payload.Length, 256)];
            }

            payload.CopyTo(Data);
            Length = payload.Length;
            Sequence = sequence;
            Timestamp = timestamp;
            PayloadType = payloadType;
            Used = true;
        }
    }
}
