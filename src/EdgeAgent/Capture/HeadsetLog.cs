using Microsoft.Extensions.Logging;

namespace EdgeCc.Agent.Capture;

internal static partial class HeadsetLog
{
    [LoggerMessage(1, LogLevel.Information, "Desk {Desk}: capturing {Device} at {Rate} Hz, {Channels} channel(s), calls by {Boundary}")]
    public static partial void Capturing(ILogger logger, string desk, string device, int rate, int channels, HeadsetCallBoundary boundary);

    [LoggerMessage(2, LogLevel.Warning, "Desk {Desk}: {Error}; next attempt in {Delay}")]
    public static partial void OpenFailed(ILogger logger, string desk, string error, TimeSpan delay);

    [LoggerMessage(3, LogLevel.Warning, "Desk {Desk}: capture ended: {Reason}")]
    public static partial void Lost(ILogger logger, string desk, string reason);

    [LoggerMessage(4, LogLevel.Information, "Desk {Desk}: no headset on USB port {UsbPort}")]
    public static partial void Absent(ILogger logger, string desk, string usbPort);

    [LoggerMessage(5, LogLevel.Warning, "Desk {Desk}: {Overruns} capture overrun(s) so far")]
    public static partial void Overruns(ILogger logger, string desk, long overruns);

    [LoggerMessage(6, LogLevel.Information, "Desk {Desk}: no usable hook switch ({Reason}); calls follow voice activity")]
    public static partial void NoHookSwitch(ILogger logger, string desk, string reason);

    [LoggerMessage(7, LogLevel.Error, "Desk {Desk}: capture failed unexpectedly; retrying")]
    public static partial void Failed(ILogger logger, string desk, Exception exception);
}
