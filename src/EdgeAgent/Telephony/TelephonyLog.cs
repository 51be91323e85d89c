using Microsoft.Extensions.Logging;

namespace EdgeCc.Agent.Telephony;

internal static partial class TelephonyLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Telephony input problem seen for the first time: {Issue} (further ones are only counted)")]
    public static partial void FirstIssue(ILogger logger, TelephonyIssue issue);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Replay of {Path} finished: {Calls} calls, {SipMessages} SIP messages, {RtpPackets} RTP packets")]
    public static partial void ReplayFinished(ILogger logger, string path, long calls, long sipMessages, long rtpPackets);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Live SIP capture on {Interface} with filter '{Filter}'")]
    public static partial void CaptureStarted(ILogger logger, string @interface, string filter);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Capture on {Interface}: {Received} received, {KernelDrops} dropped by the kernel, {InterfaceDrops} by the interface")]
    public static partial void CaptureStatistics(ILogger logger, string @interface, long received, long kernelDrops, long interfaceDrops);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "Live SIP capture on {Interface} failed")]
    public static partial void CaptureFailed(ILogger logger, Exception exception, string @interface);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Frame decoder problem seen for the first time: {Result} (further ones are only counted)")]
    public static partial void FirstDecodeIssue(ILogger logger, Capture.DecodeResult result);
}
