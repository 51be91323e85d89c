using Microsoft.Extensions.Logging;

namespace EdgeCc.Agent.Web;

internal static partial class WebLog
{
    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "Wallboard, health and metrics on {Addresses}")]
    public static partial void Listening(ILogger logger, string addresses);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "Alert {AlertId} for agent {AgentId} acknowledged by {By}")]
    public static partial void Acknowledged(ILogger logger, string alertId, string agentId, string by);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Warning, Message = "Acknowledge of alert {AlertId} refused: {Why}")]
    public static partial void AcknowledgeRefused(ILogger logger, string alertId, string why);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Error, Message = "Request {Path} failed")]
    public static partial void RequestFailed(ILogger logger, string path, Exception error);
}
