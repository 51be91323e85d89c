using Microsoft.Extensions.Logging;

namespace EdgeCc.Agent.Uplink;

// The site floor's messages (floor and metrics publishers, the wallboard host's subscriber); a
// second file of the folder's one log class, so the uplink's own messages stay in UplinkLog.cs.
internal static partial class UplinkLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Floor snapshot could not be queued; the next change or refresh tries again")]
    public static partial void FloorPublishFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Metrics snapshot could not be stored; the next interval tries again")]
    public static partial void MetricsSnapshotFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Site wallboard subscribed at {Host}:{Port} as {ClientId} to the floor of site {Site}")]
    public static partial void SiteWallboardConnected(ILogger logger, string host, int port, string clientId, string site);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "Site wallboard lost the broker: {Reason}; the other boxes' parts turn stale until it is back")]
    public static partial void SiteWallboardLost(ILogger logger, string reason);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "Site wallboard could not connect to {Host}:{Port} (attempt {Attempt}): {Reason}")]
    public static partial void SiteWallboardConnectFailed(ILogger logger, string host, int port, int attempt, string reason);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Warning, Message = "Site wallboard rejected a message on {Topic}: {Outcome} (logged once per kind, counted always)")]
    public static partial void SiteMessageRejected(ILogger logger, string topic, string outcome);
}
