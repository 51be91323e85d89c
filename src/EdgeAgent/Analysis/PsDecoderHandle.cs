using System.Runtime.InteropServices;

namespace EdgeCc.Agent.Analysis;

/// <summary>A <c>ps_decoder_t</c>. It keeps its configuration handle alive until <c>ps_free</c> has run.</summary>
internal sealed class PsDecoderHandle : SafeHandle
{
    private readonly PsConfigHandle _config;
    private bool _configReferenced;

    private PsDecoderHandle(PsConfigHandle config)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        _config = config;
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Creates a decoder; <paramref name="config"/> may be disposed afterwards.</summary>
    public static PsDecoderHandle Create(PsConfigHandle config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var result = new PsDecoderHandle(config);
        config.DangerousAddRef(ref result._configReferenced);
        var decoder = PocketSphinxNative.Init(config);
        result.SetHandle(decoder);
        if (result.IsInvalid)
        {
            result.Dispose();
            throw new InvalidOperationException(
                "PocketSphinx decoder creation failed (ps_init returned NULL): check the acoustic model directory, "
                + "the dictionary and the keyphrase file it was given.");
        }

        return result;
    }

    protected override bool ReleaseHandle()
    {
        var freed = PocketSphinxNative.Free(handle) >= 0;
        ReleaseConfig();
        return freed;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (IsInvalid)
        {
            ReleaseConfig();
        }
    }

    private void ReleaseConfig()
    {
        if (_configReferenced)
        {
            _configReferenced = false;
            _config.DangerousRelease();
        }
    }
}
