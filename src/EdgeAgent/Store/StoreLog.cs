using Microsoft.Extensions.Logging;

namespace EdgeCc.Agent.Store;

internal static partial class StoreLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Error,
        Message = "Store file {Path} is damaged ({Reason}); moved it aside to {DamagedPath} and started a fresh store")]
    public static partial void DamagedFileMovedAside(ILogger logger, string path, string damagedPath, string reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Store opened at {Path} ({SizeBytes} bytes)")]
    public static partial void Opened(ILogger logger, string path, long sizeBytes);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning,
        Message = "Retention evicted {Count} {Collection} documents ({Why})")]
    public static partial void Evicted(ILogger logger, int count, string collection, string why);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error,
        Message = "Retention had to evict {Count} undelivered outbox rows of topic {Topic} to keep the store under {MaxBytes} bytes")]
    public static partial void EvictedUndelivered(ILogger logger, int count, string topic, long maxBytes);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "Storing a call summary failed; retrying")]
    public static partial void AddFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Error, Message = "Retention pass failed")]
    public static partial void RetentionFailed(ILogger logger, Exception error);
}
