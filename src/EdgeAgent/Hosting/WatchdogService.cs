using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// systemd's watchdog. Microsoft.Extensions.Hosting.Systemd never sends WATCHDOG=1, so this does,
/// at half of <c>WATCHDOG_USEC</c> (sd_watchdog_enabled(3)), and only while every stage shows
/// progress: a stage with queued items and no reads since the last tick is stuck, the pings stop
/// and systemd restarts the service.
/// </summary>
internal sealed partial class WatchdogService(
    ISystemdNotifier notifier,
    PipelineStages stages,
    TimeProvider time,
    ILogger<WatchdogService> logger) : BackgroundService
{
    private static readonly ServiceState Ping = new("WATCHDOG=1");

    /// <summary>The ping interval systemd asked for, or null when the watchdog is off.</summary>
    public static TimeSpan? IntervalFromEnvironment()
    {
        var usec = Environment.GetEnvironmentVariable("WATCHDOG_USEC");
        var pid = Environment.GetEnvironmentVariable("WATCHDOG_PID");
        if (pid is not null && pid != Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
        {
            return null;
        }

        return long.TryParse(usec, NumberStyles.None, CultureInfo.InvariantCulture, out var micros) && micros > 0
            ? TimeSpan.FromMicroseconds(micros / 2.0)
            : null;
    }

    public long Pings { get; private set; }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = IntervalFromEnvironment();
        if (interval is null || !notifier.IsEnabled)
        {
            return Task.CompletedTask;
        }

        return RunAsync(interval.Value, stoppingToken);
    }

    internal async Task RunAsync(TimeSpan interval, CancellationToken stoppingToken)
    {
        var lastRead = new Dictionary<string, long>(StringComparer.Ordinal);
        string? stuck = null;
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            var now = stages.Snapshot();
            var stuckNow = FindStuck(now, lastRead);
            if (stuckNow is null)
            {
                notifier.Notify(Ping);
                Pings++;
                if (stuck is not null)
                {
                    Log.StageRecovered(logger, stuck);
                }
            }
            else if (stuckNow != stuck)
            {
                Log.StageStuck(logger, stuckNow);
            }

            stuck = stuckNow;
            foreach (var stage in now)
            {
                lastRead[stage.Name] = stage.Read;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private static string? FindStuck(IReadOnlyList<StageSnapshot> now, Dictionary<string, long> lastRead)
    {
        foreach (var stage in now)
        {
            if (stage.Depth > 0 && lastRead.TryGetValue(stage.Name, out var before) && stage.Read == before)
            {
                return stage.Name;
            }
        }

        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Stage {Stage} has queued work but made no progress; watchdog pings stop until it moves")]
        public static partial void StageStuck(ILogger logger, string stage);

        [LoggerMessage(2, LogLevel.Information, "Stage {Stage} moves again; watchdog pings resume")]
        public static partial void StageRecovered(ILogger logger, string stage);
    }
}
