using Microsoft.Extensions.Logging;

namespace EdgeCc.Agent.Floor;

internal static partial class FloorLog
{
    [LoggerMessage(100, LogLevel.Information, "AMI connected to {Host}:{Port} (Asterisk Call Manager {Version})")]
    public static partial void AmiConnected(ILogger logger, string host, int port, string version);

    [LoggerMessage(101, LogLevel.Warning, "AMI session with {Host}:{Port} failed: {Reason}")]
    public static partial void AmiSessionFailed(ILogger logger, string host, int port, string reason);

    [LoggerMessage(102, LogLevel.Information, "AMI reconnecting in {Seconds:F1} s")]
    public static partial void AmiReconnecting(ILogger logger, double seconds);

    [LoggerMessage(103, LogLevel.Warning, "AMI connection to {Host}:{Port} closed ({MalformedLines} malformed lines skipped)")]
    public static partial void AmiClosed(ILogger logger, string host, int port, long malformedLines);

    [LoggerMessage(110, LogLevel.Warning, "Display {Display} write failed ({Failures} so far); retrying in {Seconds:F1} s")]
    public static partial void DisplayFailed(ILogger logger, string display, long failures, double seconds, Exception exception);

    [LoggerMessage(111, LogLevel.Information, "Display {Display} works again after {Failures} failures")]
    public static partial void DisplayRecovered(ILogger logger, string display, long failures);

    [LoggerMessage(112, LogLevel.Information, "Help button of agent {AgentId} pressed")]
    public static partial void HelpPressed(ILogger logger, string agentId);

    [LoggerMessage(120, LogLevel.Error, "Storing a {Kind} alert failed (attempt {Attempt}); retrying")]
    public static partial void AlertStoreFailed(ILogger logger, string kind, int attempt, Exception exception);
}
