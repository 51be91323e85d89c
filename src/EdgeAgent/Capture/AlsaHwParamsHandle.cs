using System.Runtime.InteropServices;

namespace EdgeCc.Agent.Capture;

/// <summary>Owns one <c>snd_pcm_hw_params_t*</c> from snd_pcm_hw_params_malloc.</summary>
internal sealed class AlsaHwParamsHandle : SafeHandle
{
    public AlsaHwParamsHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        AlsaNative.HwParamsFree(handle);
        return true;
    }
}
