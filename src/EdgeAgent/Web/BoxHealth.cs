using System.Globalization;
using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Hosting;
using EdgeCc.Agent.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeCc.Agent.Web;

/// <summary>Readiness (host started, store open, pipeline running) and the health strip of the wallboard.</summary>
internal sealed class BoxHealth(
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    PipelineStages stages,
    Outbox outbox,
    TimeProvider time,
    IEnumerable<IComponentHealthSource> sources)
{
    private readonly IComponentHealthSource[] _sources = [.. sources];
    private AnalysisService? _analysis;

    public bool HostStarted => lifetime.ApplicationStarted.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested;

    /// <summary>True while the analysis workers run (they stop when capture completes or the host stops).</summary>
    public bool PipelineRunning
    {
        get
        {
            _analysis ??= services.GetServices<IHostedService>().OfType<AnalysisService>().FirstOrDefault();
            return _analysis is { ExecuteTask: { IsCompleted: false } };
        }
    }

    /// <summary>The reasons the box is not ready; empty when it is.</summary>
    public IReadOnlyList<string> NotReady()
    {
        var reasons = new List<string>();
        if (!HostStarted)
        {
            reasons.Add("host not started");
        }

        if (StoreError() is { } error)
        {
            reasons.Add("store not open: " + error);
        }

        if (!PipelineRunning)
        {
            reasons.Add("pipeline not running");
        }

        return reasons;
    }

    /// <summary>Rows waiting in the outbox and the age of the oldest, or null when the store cannot be read.</summary>
    public (int Rows, TimeSpan OldestAge)? OutboxDepth()
    {
        try
        {
            var rows = outbox.Count;
            var oldest = rows == 0 ? null : outbox.Peek(1).FirstOrDefault();
            var age = oldest is null ? TimeSpan.Zero : time.GetUtcNow() - oldest.CreatedAt;
            return (rows, age < TimeSpan.Zero ? TimeSpan.Zero : age);
        }
        catch (Exception ex) when (ex is LiteDB.LiteException or ObjectDisposedException or IOException)
        {
            return null;
        }
    }

    public IReadOnlyList<ComponentHealth> Components()
    {
        var list = new List<ComponentHealth> { Capture(), Outbox(), new("mqtt", "absent", "uplink not configured") };
        foreach (var source in _sources)
        {
            var health = source.Check();
            var index = list.FindIndex(c => c.Name == health.Name);
            if (index >= 0)
            {
                list[index] = health;
            }
            else
            {
                list.Add(health);
            }
        }

        return list;
    }

    private ComponentHealth Capture()
    {
        long read = 0, dropped = 0;
        var depth = 0;
        foreach (var stage in stages.Snapshot())
        {
            if (stage.Name.StartsWith("analysis", StringComparison.Ordinal))
            {
                read += stage.Read;
                depth += stage.Depth;
            }

            dropped += stage.Dropped;
        }

        var detail = string.Create(CultureInfo.InvariantCulture, $"{read} inputs analysed, {depth} queued, {dropped} dropped");
        if (!PipelineRunning)
        {
            return new ComponentHealth("capture", "down", "pipeline stopped; " + detail);
        }

        return new ComponentHealth("capture", dropped > 0 ? "degraded" : "ok", detail);
    }

    private ComponentHealth Outbox()
    {
        if (OutboxDepth() is not { } depth)
        {
            return new ComponentHealth("outbox", "down", "store cannot be read");
        }

        var detail = depth.Rows == 0
            ? "empty"
            : string.Create(CultureInfo.InvariantCulture, $"{depth.Rows} waiting, oldest {(int)depth.OldestAge.TotalSeconds} s");
        return new ComponentHealth("outbox", depth.OldestAge > TimeSpan.FromMinutes(5) ? "degraded" : "ok", detail);
    }

    private string? StoreError()
    {
        try
        {
            _ = outbox.Count;
            return null;
        }
        catch (Exception ex) when (ex is LiteDB.LiteException or ObjectDisposedException or IOException)
        {
            return ex.Message;
        }
    }
}
