namespace EdgeCc.Agent.Analysis;

/// <summary>
/// The last few hundred milliseconds of a leg before the VAD gate opened. The VAD confirms a
/// segment only after 30 ms of speech-like blocks, and a word's first consonant is often
/// quieter than the onset threshold; a keyword spotter given only gated frames would lose the
/// start of the first word. Keep every frame here while the gate is shut, and on opening feed
/// <see cref="CopyTo"/>'s samples to the spotter before the frame that opened it.
/// Fixed ring, no allocation per frame; one per leg.
/// </summary>
public sealed class SignalPreRoll
{
    private readonly short[] _ring;
    private int _next;
    private int _count;

    /// <param name="capacity">Samples kept (4,800 = 300 ms at 16 kHz).</param>
    public SignalPreRoll(int capacity = 4_800)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _ring = new short[capacity];
    }

    public int Capacity => _ring.Length;

    /// <summary>Samples held now (at most <see cref="Capacity"/>).</summary>
    public int Count => _count;

    public void Write(ReadOnlySpan<short> samples)
    {
        if (samples.Length >= _ring.Length)
        {
            samples[^_ring.Length..].CopyTo(_ring);
            _next = 0;
            _count = _ring.Length;
            return;
        }

        var first = Math.Min(samples.Length, _ring.Length - _next);
        samples[..first].CopyTo(_ring.AsSpan(_next));
        samples[first..].CopyTo(_ring);
        _next = (_next + samples.Length) % _ring.Length;
        _count = Math.Min(_ring.Length, _count + samples.Length);
    }

    /// <summary>Copies the held samples, oldest first, and empties the buffer; returns how many were copied.</summary>
    public int CopyTo(Span<short> destination)
    {
        if (destination.Length < _count)
        {
            throw new ArgumentException($"The destination holds {destination.Length} samples but {_count} are buffered.", nameof(destination));
        }

        var start = (_next - _count + _ring.Length) % _ring.Length;
        var first = Math.Min(_count, _ring.Length - start);
        _ring.AsSpan(start, first).CopyTo(destination);
        _ring.AsSpan(0, _count - first).CopyTo(destination[first..]);
        var copied = _count;
        Clear();
        return copied;
    }

    public void Clear()
    {
        _count = 0;
        _next = 0;
    }
}
