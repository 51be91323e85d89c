using Microsoft.Extensions.Logging;

namespace EdgeCc.Agent.Uplink;

internal static partial class UplinkLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Uplink connected to {Host}:{Port} as {ClientId} (session present: {SessionPresent})")]
    public static partial void Connected(ILogger logger, string host, int port, string clientId, bool sessionPresent);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Uplink could not connect to {Host}:{Port} (attempt {Attempt}): {Reason}; retrying in {Delay}")]
    public static partial void ConnectFailed(ILogger logger, string host, int port, int attempt, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Uplink connection lost: {Reason}; {Pending} messages wait in the outbox")]
    public static partial void ConnectionLost(ILogger logger, string reason, int pending);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "Broker refused message {Sequence} on {Topic}: {ReasonCode}; it stays in the outbox and is retried")]
    public static partial void PublishRefused(ILogger logger, long sequence, string topic, string reasonCode);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Remote config {Version} accepted")]
    public static partial void ConfigAccepted(ILogger logger, string version);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Remote config {Version} rejected: {Errors}")]
    public static partial void ConfigRejected(ILogger logger, string version, string errors);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "Remote config rolled back to {Version}")]
    public static partial void ConfigRolledBack(ILogger logger, string version);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Information, Message = "Embedded MQTT broker listening on 127.0.0.1:{Port}")]
    public static partial void BrokerStarted(ILogger logger, int port);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Error, Message = "Handling the inbound remote config failed")]
    public static partial void ConfigHandlingFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Uplink window is {Window} publishes in flight: the broker's Receive Maximum is below Uplink:MaxInFlight ({MaxInFlight})")]
    public static partial void WindowCapped(ILogger logger, int window, int maxInFlight);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "Recording outbox rows through {Sequence} as acknowledged failed; they will be sent again (same idempotency keys)")]
    public static partial void AcknowledgeFailed(ILogger logger, long sequence, Exception error);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning, Message = "Deleting acknowledged outbox rows failed; retried when the uplink is next idle")]
    public static partial void PurgeFailed(ILogger logger, Exception error);
}
