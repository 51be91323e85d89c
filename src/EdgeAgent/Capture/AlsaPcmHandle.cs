using System.Runtime.InteropServices;

namespace EdgeCc.Agent.Capture;

/// <summary>Owns one <c>snd_pcm_t*</c>; closing it releases the device so an unplugged headset can be reopened.</summary>
internal sealed class AlsaPcmHandle : SafeHandle
{
    public AlsaPcmHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle() => AlsaNative.PcmClose(handle) >= 0;
}
