namespace EdgeCc.Agent.Telephony;

/// <summary>
/// ITU-T G.722 decoder, 64 kbit/s mode: each byte carries a 6-bit lower sub-band code and a
/// 2-bit higher sub-band code (SB-ADPCM, §3-§4 of the recommendation); the two 8 kHz
/// sub-band signals are recombined by the 24-tap receive QMF into 16 kHz PCM, two samples
/// per byte. Block names in comments are the recommendation's. One instance per stream:
/// the predictors carry state from packet to packet.
/// </summary>
internal sealed class G722Decoder
{
    // Table 17 (6-bit inverse quantizer output, lower band), indexed by the received code.
    private static readonly int[] LowInverse6 =
    [
        -136, -136, -136, -136, -24808, -21904, -19008, -16704,
        -14984, -13512, -12280, -11192, -10232, -9360, -8576, -7856,
        -7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576,
        -3168, -2776, -2400, -2032, -1688, -1360, -1040, -728,
        24808, 21904, 19008, 16704, 14984, 13512, 12280, 11192,
        10232, 9360, 8576, 7856, 7192, 6576, 6000, 5456,
        4944, 4464, 4008, 3576, 3168, 2776, 2400, 2032,
        1688, 1360, 1040, 728, 432, 136, -432, -136,
    ];

    // 4-bit inverse quantizer used for predictor adaptation (the 4 most significant bits of the code).
    private static readonly int[] LowInverse4 =
    [
        0, -20456, -12896, -8968, -6288, -4240, -2584, -1200,
        20456, 12896, 8968, 6288, 4240, 2584, 1200, 0,
    ];

    private static readonly int[] LowLogScaleFactor = [-60, -30, 58, 172, 334, 538, 1198, 3042];
    private static readonly int[] LowCodeToMagnitude = [0, 7, 6, 5, 4, 3, 2, 1, 7, 6, 5, 4, 3, 2, 1, 0];
    private static readonly int[] HighInverse2 = [-7408, -1616, 7408, 1616];
    private static readonly int[] HighLogScaleFactor = [0, -214, 798];
    private static readonly int[] HighCodeToMagnitude = [2, 1, 2, 1];

    // Table of 2^(x) mantissas used by SCALEL/SCALEH (ILB).
    private static readonly int[] InverseLog =
    [
        2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383,
        2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
        2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371,
        3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008,
    ];

    // Receive QMF coefficients (Table 11), symmetric 24-tap filter.
    private static readonly int[] Qmf = [3, -11, 12, 32, -210, 951, 3876, -805, 362, -156, 53, -11];

    private readonly Band _low = new(32);
    private readonly Band _high = new(8);
    private readonly int[] _qmfDelay = new int[24];

    /// <summary>Decodes <paramref name="codes"/> into twice as many 16 kHz samples.</summary>
    public void Decode(ReadOnlySpan<byte> codes, Span<short> pcm)
    {
        if (pcm.Length < codes.Length * 2)
        {
            throw new ArgumentException($"G.722 yields two samples per byte: {codes.Length * 2} needed, {pcm.Length} given.", nameof(pcm));
        }

        var output = 0;
        foreach (var code in codes)
        {
            var lowCode = code & 0x3F;
            var highCode = (code >> 6) & 0x03;

            // Block 5L: INVQBL and RECONS, then LIMIT (6L).
            var lowSignal = Clamp((_low.Predicted + ((_low.Scale * LowInverse6[lowCode]) >> 15)), -16384, 16383);

            // Blocks 2L/3L: adaptation works on the 4-bit code only (embedded coding, §3.3).
            var adaptCode = lowCode >> 2;
            var lowDifference = (_low.Scale * LowInverse4[adaptCode]) >> 15;
            _low.LogScale = Clamp(((_low.LogScale * 127) >> 7) + LowLogScaleFactor[LowCodeToMagnitude[adaptCode]], 0, 18432);
            _low.Scale = ScaleFromLog(_low.LogScale, 8);
            _low.Adapt(lowDifference);

            // Blocks 2H-6H.
            var highDifference = (_high.Scale * HighInverse2[highCode]) >> 15;
            var highSignal = Clamp(highDifference + _high.Predicted, -16384, 16383);
            _high.LogScale = Clamp(((_high.LogScale * 127) >> 7) + HighLogScaleFactor[HighCodeToMagnitude[highCode]], 0, 22528);
            _high.Scale = ScaleFromLog(_high.LogScale, 10);
            _high.Adapt(highDifference);

            // Receive QMF: sum and difference of the sub-bands enter the delay line.
            Array.Copy(_qmfDelay, 2, _qmfDelay, 0, 22);
            _qmfDelay[22] = lowSignal + highSignal;
            _qmfDelay[23] = lowSignal - highSignal;
            var odd = 0;
            var even = 0;
            for (var i = 0; i < 12; i++)
            {
                even += _qmfDelay[2 * i] * Qmf[i];
                odd += _qmfDelay[(2 * i) + 1] * Qmf[11 - i];
            }

            pcm[output++] = Saturate(odd >> 11);
            pcm[output++] = Saturate(even >> 11);
        }
    }

    private static int ScaleFromLog(int logScale, int bias)
    {
        // SCALEL/SCALEH: DET = 2^(NB) via the ILB mantissa table, shifted by the exponent.
        var mantissa = InverseLog[(logScale >> 6) & 31];
        var shift = bias - (logScale >> 11);
        var value = shift < 0 ? mantissa << -shift : mantissa >> shift;
        return value << 2;
    }

    private static int Clamp(int value, int min, int max) => value < min ? min : value > max ? max : value;

    private static short Saturate(int value) => (short)Clamp(value, short.MinValue, short.MaxValue);

    /// <summary>Adaptive predictor state of one sub-band (block 4: two poles, six zeros).</summary>
    private sealed class Band(int initialScale)
    {
        private readonly int[] _pole = new int[3];
        private readonly int[] _zero = new int[7];
        private readonly int[] _difference = new int[7];
        private readonly int[] _reconstructed = new int[3];
        private readonly int[] _partial = new int[3];
        private int _polePart;
        private int _zeroPart;

        public int Scale { get; set; } = initialScale;

        public int LogScale { get; set; }

        public int Predicted { get; private set; }

        public void Adapt(int difference)
        {
            // RECONS and PARREC.
            _difference[0] = difference;
            _reconstructed[0] = Saturate(Predicted + difference);
            _partial[0] = Saturate(_zeroPart + difference);

            // UPPOL2: second pole coefficient.
            var sign0 = _partial[0] >> 15;
            var sign1 = _partial[1] >> 15;
            var sign2 = _partial[2] >> 15;
            var wd1 = Saturate(_pole[1] << 2);
            var wd2 = sign0 == sign1 ? -wd1 : wd1;
            if (wd2 > 32767)
            {
                wd2 = 32767;
            }

            var pole2 = (wd2 >> 7) + (sign0 == sign2 ? 128 : -128) + ((_pole[2] * 32512) >> 15);
            pole2 = Clamp(pole2, -12288, 12288);

            // UPPOL1: first pole coefficient, bounded by the stability limit 15360 - |a2|.
            var pole1 = Saturate((sign0 == sign1 ? 192 : -192) + ((_pole[1] * 32640) >> 15));
            var limit = Saturate(15360 - pole2);
            pole1 = Clamp(pole1, -limit, limit);

            // UPZERO: sign-sign adaptation of the six zero coefficients.
            var step = difference == 0 ? 0 : 128;
            var signD = difference >> 15;
            Span<int> zeros = stackalloc int[7];
            for (var i = 1; i < 7; i++)
            {
                var agree = (_difference[i] >> 15) == signD ? step : -step;
                zeros[i] = Saturate(agree + ((_zero[i] * 32640) >> 15));
            }

            // DELAYA.
            for (var i = 6; i > 0; i--)
            {
                _difference[i] = _difference[i - 1];
                _zero[i] = zeros[i];
            }

            _reconstructed[2] = _reconstructed[1];
            _reconstructed[1] = _reconstructed[0];
            _partial[2] = _partial[1];
            _partial[1] = _partial[0];
            _pole[2] = pole2;
            _pole[1] = pole1;

            // FILTEP and FILTEZ, then PREDIC.
            _polePart = Saturate(((_pole[1] * Saturate(_reconstructed[1] + _reconstructed[1])) >> 15)
                + ((_pole[2] * Saturate(_reconstructed[2] + _reconstructed[2])) >> 15));
            var sum = 0;
            for (var i = 6; i > 0; i--)
            {
                sum += (_zero[i] * Saturate(_difference[i] + _difference[i])) >> 15;
            }

            _zeroPart = Saturate(sum);
            Predicted = Saturate(_polePart + _zeroPart);
        }

        private static int Saturate(int value) => value < short.MinValue ? short.MinValue : value > short.MaxValue ? short.MaxValue : value;
    }
}
