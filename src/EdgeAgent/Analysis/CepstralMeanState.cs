using System.Runtime.InteropServices;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// The decoder's live cepstral mean (CMN). PocketSphinx carries it from one utterance to the next, which is right
/// within a leg but would make a leg's result depend on the call decoded before it; this saves the initial mean
/// (<c>-cmninit</c> from the model's feat.params) and puts it back for each new leg.
/// <para>
/// A narrowband leg starts from its own initial mean instead: ps_init loads the model's feat.params over the
/// command line, so <c>-cmninit</c> cannot be given as an argument, and the wideband mean is far from what a G.711
/// leg's cepstra average to (measured on the adaptation set: c1 +28, c2 -32), which costs the live CMN the first
/// seconds of every leg.
/// </para>
/// <para>
/// Either mean weighs CMN_WIN frames against the leg's first ones, as cmn_prior_set leaves it. ps_init leaves the
/// wideband one at weight 0, so the first update (the end of an utterance) would take the mean of those frames alone:
/// after the spotter's 3 s warm-up, a mean of speech and pre-roll that on the noisy eval set raised false alarms
/// (1.8 per phrase per hour, 1.0 with the weight) and lost a LibriVox phrase altogether.
/// </para>
/// </summary>
internal sealed class CepstralMeanState
{
    /// <summary>CMN_WIN of sphinxbase cmn.h: frames the live mean is estimated over.</summary>
    private const int CmnWindow = 500;

    private readonly PsDecoderHandle _decoder;
    private readonly int[] _mean;
    private readonly int[] _sum;
    private readonly int _frameCount;

    private CepstralMeanState(PsDecoderHandle decoder, int[] mean, int[] sum, int frameCount)
    {
        _decoder = decoder;
        _mean = mean;
        _sum = sum;
        _frameCount = frameCount;
    }

    /// <summary>Reads the cmn_t of the decoder's feat_t (layouts from sphinxbase's public feat.h and cmn.h).</summary>
    /// <remarks>
    /// The running sum and frame count are set with the mean (sum = mean x CMN_WIN, count CMN_WIN) and saved with it.
    /// mfcc_t is 4 bytes in both float and fixed-point builds and is copied as raw bits; a fixed-point build keeps
    /// the state ps_init leaves for wideband legs and cannot take a narrowband initial mean.
    /// </remarks>
    public static CepstralMeanState Capture(PsDecoderHandle decoder, IReadOnlyList<float>? initialMean = null)
    {
        var cmn = Marshal.PtrToStructure<CmnHead>(Cmn(decoder, out var length));
        var mean = new int[length];
        var sum = new int[length];
        Marshal.Copy(cmn.Mean, mean, 0, length);
        Marshal.Copy(cmn.Sum, sum, 0, length);
        // c0 of any model's mean is a log energy of tens: a fixed-point build (mfcc_t = Q12 integers) reads as ~1e-40.
        var c0 = BitConverter.Int32BitsToSingle(mean[0]);
        var floatBuild = float.IsFinite(c0) && Math.Abs(c0) is >= 1 and <= 1000;
        if (initialMean is null && !floatBuild)
        {
            return new CepstralMeanState(decoder, mean, sum, cmn.FrameCount);
        }

        if (!floatBuild)
        {
            throw new InvalidOperationException("libsphinxbase is not a floating-point build: an initial cepstral mean cannot be set");
        }

        if (initialMean is not null && initialMean.Count != length)
        {
            throw new InvalidOperationException($"The initial cepstral mean has {initialMean.Count} values; the model's cepstra have {length}");
        }

        // As cmn_prior_set leaves it: the mean weighs CMN_WIN frames against the leg's first ones.
        for (var i = 0; i < length; i++)
        {
            var value = initialMean?[i] ?? BitConverter.Int32BitsToSingle(mean[i]);
            mean[i] = BitConverter.SingleToInt32Bits(value);
            sum[i] = BitConverter.SingleToInt32Bits(value * CmnWindow);
        }

        var state = new CepstralMeanState(decoder, mean, sum, CmnWindow);
        state.Restore();
        return state;
    }

    public void Restore()
    {
        var pointer = Cmn(_decoder, out _);
        var cmn = Marshal.PtrToStructure<CmnHead>(pointer);
        Marshal.Copy(_mean, 0, cmn.Mean, _mean.Length);
        Marshal.Copy(_sum, 0, cmn.Sum, _sum.Length);
        Marshal.WriteInt32(pointer, (int)Marshal.OffsetOf<CmnHead>(nameof(CmnHead.FrameCount)), _frameCount);
    }

    private static IntPtr Cmn(PsDecoderHandle decoder, out int length)
    {
        var feat = PocketSphinxNative.GetFeat(decoder);
        if (feat == IntPtr.Zero)
        {
            throw new InvalidOperationException("PocketSphinx decoder has no feature computation (ps_get_feat returned NULL)");
        }

        var head = Marshal.PtrToStructure<FeatHead>(feat);
        if (head.CmnStruct == IntPtr.Zero)
        {
            throw new InvalidOperationException("PocketSphinx feat_t has no cmn_t: the model disables CMN or sphinxbase's layout changed");
        }

        var cmn = Marshal.PtrToStructure<CmnHead>(head.CmnStruct);
        if (cmn.VectorLength != head.CepstrumSize || cmn.VectorLength is <= 0 or > 64)
        {
            throw new InvalidOperationException(
                $"sphinxbase cmn_t vector length {cmn.VectorLength} does not match feat_t cepsize {head.CepstrumSize}: unexpected library layout");
        }

        length = cmn.VectorLength;
        return head.CmnStruct;
    }

    /// <summary>feat_t up to cmn_struct (sphinxbase 5prealpha feat.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct FeatHead
    {
        public readonly int RefCount;
        public readonly IntPtr Name;
        public readonly int CepstrumSize;
        public readonly int StreamCount;
        public readonly IntPtr StreamLengths;
        public readonly int WindowSize;
        public readonly int SubvectorCount;
        public readonly IntPtr SubvectorLengths;
        public readonly IntPtr Subvectors;
        public readonly IntPtr SubvectorBuffer;
        public readonly int SubvectorDimension;
        public readonly int CmnType;
        public readonly int VarianceNormalisation;
        public readonly int AgcType;
        public readonly IntPtr ComputeFeature;
        public readonly IntPtr CmnStruct;
    }

    /// <summary>cmn_t (sphinxbase 5prealpha cmn.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct CmnHead
    {
        public readonly IntPtr Mean;
        public readonly IntPtr Variance;
        public readonly IntPtr Sum;
        public readonly int FrameCount;
        public readonly int VectorLength;
    }
}
