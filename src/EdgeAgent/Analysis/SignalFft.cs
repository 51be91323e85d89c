namespace EdgeCc.Agent.Analysis;

/// <summary>
/// In-place radix-2 complex FFT of one fixed power-of-two size. Twiddles and the bit-reversal
/// permutation are computed once, so a transform allocates nothing; one instance per analyser
/// (not thread-safe: the scratch arrays are its own).
/// </summary>
internal sealed class SignalFft
{
    private readonly float[] _cos;
    private readonly float[] _sin;
    private readonly int[] _bitReverse;

    public SignalFft(int size)
    {
        if (size < 2 || (size & (size - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "The FFT size must be a power of two of at least 2.");
        }

        Size = size;
        _cos = new float[size / 2];
        _sin = new float[size / 2];
        for (var i = 0; i < size / 2; i++)
        {
            var angle = -2 * Math.PI * i / size;
            _cos[i] = (float)Math.Cos(angle);
            _sin[i] = (float)Math.Sin(angle);
        }

        _bitReverse = new int[size];
        var bits = System.Numerics.BitOperations.Log2((uint)size);
        for (var i = 0; i < size; i++)
        {
            var r = 0;
            for (var b = 0; b < bits; b++)
            {
                r |= ((i >> b) & 1) << (bits - 1 - b);
            }

            _bitReverse[i] = r;
        }
    }

    public int Size { get; }

    public void Forward(Span<float> re, Span<float> im)
    {
        var n = Size;
        if (re.Length < n || im.Length < n)
        {
            throw new ArgumentException($"The FFT needs {n} real and imaginary values.", nameof(re));
        }

        for (var i = 0; i < n; i++)
        {
            var j = _bitReverse[i];
            if (j > i)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }

        for (var half = 1; half < n; half <<= 1)
        {
            var step = n / (half * 2);
            for (var start = 0; start < n; start += half * 2)
            {
                for (var k = 0; k < half; k++)
                {
                    var wr = _cos[k * step];
                    var wi = _sin[k * step];
                    var a = start + k;
                    var b = a + half;
                    var tr = (wr * re[b]) - (wi * im[b]);
                    var ti = (wr * im[b]) + (wi * re[b]);
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }
}
