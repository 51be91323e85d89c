namespace EdgeCc.Agent.Tests.Audio;

/// <summary>
/// Measures the amplitude of one frequency in a block of samples: a DFT evaluated at exactly that
/// frequency under a 4-term Blackman-Harris window (side lobes below -92 dB, main lobe ±4 bins), so a
/// strong tone a few bins away does not leak into the measurement of a weak one.
/// </summary>
internal static class ToneMeter
{
    public static double Amplitude(ReadOnlySpan<short> samples, double frequency, double sampleRate)
    {
        double re = 0, im = 0, windowSum = 0;
        var n = samples.Length;
        var step = 2 * Math.PI * frequency / sampleRate;
        for (var i = 0; i < n; i++)
        {
            var a = 2 * Math.PI * i / (n - 1);
            var w = 0.35875 - (0.48829 * Math.Cos(a)) + (0.14128 * Math.Cos(2 * a)) - (0.01168 * Math.Cos(3 * a));
            re += w * samples[i] * Math.Cos(step * i);
            im -= w * samples[i] * Math.Sin(step * i);
            windowSum += w;
        }

        return 2 * Math.Sqrt((re * re) + (im * im)) / windowSum;
    }

    public static double Db(double ratio) => 20 * Math.Log10(Math.Max(ratio, 1e-12));

    /// <summary>Where a tone at <paramref name="frequency"/> lands after sampling at <paramref name="sampleRate"/>.</summary>
    public static double Fold(double frequency, double sampleRate)
    {
        var f = frequency % sampleRate;
        return f > sampleRate / 2 ? sampleRate - f : f;
    }
}
