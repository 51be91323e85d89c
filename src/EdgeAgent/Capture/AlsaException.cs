namespace EdgeCc.Agent.Capture;

/// <summary>A libasound call failed; the message carries the call, the device and snd_strerror's text.</summary>
internal sealed class AlsaException : Exception
{
    public AlsaException()
    {
    }

    public AlsaException(string message)
        : base(message)
    {
    }

    public AlsaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal AlsaException(string call, string device, int errorCode)
        : base($"{call} on '{device}' failed: {AlsaNative.StrError(errorCode)} ({errorCode})")
    {
        Call = call;
        Device = device;
        ErrorCode = errorCode;
    }

    public string? Call { get; }

    public string? Device { get; }

    /// <summary>The negative errno alsa-lib returned (e.g. -19 ENODEV when the headset was unplugged).</summary>
    public int ErrorCode { get; }

    /// <summary>The device is gone (unplugged) or absent, as opposed to misconfigured.</summary>
    public bool IsDeviceMissing => ErrorCode is -AlsaNative.ENoDev or -AlsaNative.ENoEnt or -AlsaNative.ENxio or -AlsaNative.EBadFd;
}
