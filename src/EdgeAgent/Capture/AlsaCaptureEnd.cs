namespace EdgeCc.Agent.Capture;

/// <summary>Why <see cref="AlsaCapture.Run"/> returned: stopped on request, or the device went away / failed.</summary>
internal sealed record AlsaCaptureEnd(bool Cancelled, int ErrorCode, string Message)
{
    public static AlsaCaptureEnd Stopped { get; } = new(true, 0, "stopped");
}
