namespace EdgeCc.Agent.Analysis;

/// <summary>
/// FFT of a real signal of one fixed power-of-two length N, as a complex FFT of N/2 points: the even
/// samples go in as real parts, the odd ones as imaginary parts, and the two interleaved half-length
/// spectra are separated afterwards (X[k] = E[k] + e^(-2πik/N) O[k]). Half the butterflies of a
/// complex FFT with zero imaginary parts; the same bins to float rounding. Allocates nothing per
/// transform; not thread-safe.
/// </summary>
internal sealed class SignalRealFft
{
    private readonly SignalFft _half;
    private readonly float[] _re;
    private readonly float[] _im;
    private readonly float[] _cos;
    private readonly float[] _sin;

    public SignalRealFft(int size)
    {
        if (size < 4 || (size & (size - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "The real FFT size must be a power of two of at least 4.");
        }

        Size = size;
        var half = size / 2;
        _half = new SignalFft(half);
        _re = new float[half];
        _im = new float[half];
        _cos = new float[half];
        _sin = new float[half];
        for (var k = 0; k < half; k++)
        {
            var angle = -2 * Math.PI * k / size;
            _cos[k] = (float)Math.Cos(angle);
            _sin[k] = (float)Math.Sin(angle);
        }
    }

    public int Size { get; }

    /// <summary>Bins 0..N/2 of the spectrum of <paramref name="input"/> (N samples) into <paramref name="re"/> and <paramref name="im"/> (N/2 + 1 each).</summary>
    public void Forward(ReadOnlySpan<float> input, Span<float> re, Span<float> im)
    {
        var half = Size / 2;
        if (input.Length < Size || re.Length <= half || im.Length <= half)
        {
            throw new ArgumentException($"The real FFT needs {Size} samples and room for {half + 1} bins.", nameof(input));
        }

        var zr = _re.AsSpan();
        var zi = _im.AsSpan();
        for (var n = 0; n < half; n++)
        {
            zr[n] = input[2 * n];
            zi[n] = input[(2 * n) + 1];
        }

        _half.Forward(zr, zi);

        // Z[k] = E[k] + i O[k], where E and O are the spectra of the even and odd samples; with
        // Z[N/2 - k] conjugated, E[k] = (Z[k] + Z*[N/2-k]) / 2 and O[k] = (Z[k] - Z*[N/2-k]) / 2i.
        re[0] = zr[0] + zi[0];
        im[0] = 0;
        re[half] = zr[0] - zi[0];
        im[half] = 0;
        for (var k = 1; k < half; k++)
        {
            var ar = zr[k];
            var ai = zi[k];
            var br = zr[half - k];
            var bi = -zi[half - k];
            var er = 0.5f * (ar + br);
            var ei = 0.5f * (ai + bi);
            var or = 0.5f * (ai - bi);
            var oi = -0.5f * (ar - br);
            var wr = _cos[k];
            var wi = _sin[k];
            re[k] = er + ((wr * or) - (wi * oi));
            im[k] = ei + ((wr * oi) + (wi * or));
        }
    }
}
