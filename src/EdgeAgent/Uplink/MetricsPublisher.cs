using System.Globalization;
using System.Text;
using EdgeCc.Agent.Floor;
using EdgeCc.Agent.Hosting;
using EdgeCc.Agent.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Uplink;

/// <summary>
/// Takes a <see cref="MetricsSnapshot"/> every <see cref="SiteFloorOptions.MetricsIntervalSeconds"/>
/// and stores it with <see cref="MetricsStore.Add"/>, which queues it on <c>metrics</c> in the same
/// transaction. Names are dotted (<c>calls.active</c>, <c>channel.summaries.dropped</c>,
/// <c>queue.sales.waiting</c>); counters are totals since the process started, so central takes
/// differences. Runs only when the uplink is enabled.
/// </summary>
internal sealed class MetricsPublisher : BackgroundService
{
    private readonly MetricsStore _store;
    private readonly Outbox _outbox;
    private readonly UplinkOptions _uplink;
    private readonly SiteFloorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<MetricsPublisher> _log;
    private readonly FloorState? _floor;
    private readonly QueueBoard? _queues;
    private readonly PipelineStages? _stages;
    private readonly UplinkService? _service;
    private long _taken;

    public MetricsPublisher(
        MetricsStore store,
        Outbox outbox,
        IOptions<UplinkOptions> uplink,
        IOptions<SiteFloorOptions> options,
        TimeProvider time,
        ILogger<MetricsPublisher> log,
        FloorState? floor = null,
        QueueBoard? queues = null,
        PipelineStages? stages = null,
        UplinkService? service = null)
    {
        ArgumentNullException.ThrowIfNull(uplink);
        ArgumentNullException.ThrowIfNull(options);
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
        _uplink = uplink.Value;
        _options = options.Value;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _floor = floor;
        _queues = queues;
        _stages = stages;
        _service = service;
    }

    public long Taken => Interlocked.Read(ref _taken);

    /// <summary>The figures now.</summary>
    public MetricsSnapshot Snapshot()
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        if (_floor is not null)
        {
            var agents = _floor.Snapshot();
            var onCall = 0;
            foreach (var light in Enum.GetValues<LightColour>())
            {
                values["agents.light." + FloorPublisher.Word(light)] = 0;
            }

            foreach (var state in Enum.GetValues<AgentState>())
            {
                values["agents.state." + FloorPublisher.Word(state)] = 0;
            }

            foreach (var a in agents)
            {
                values["agents.light." + FloorPublisher.Word(a.Light)]++;
                values["agents.state." + FloorPublisher.Word(a.State)]++;
                onCall += a.CallId is null ? 0 : 1;
            }

            values["agents.total"] = agents.Count;
            values["calls.active"] = onCall;
        }

        if (_queues is not null)
        {
            foreach (var q in _queues.Snapshot())
            {
                var prefix = "queue." + Segment(q.Queue) + ".";
                values[prefix + "waiting"] = q.Waiting;
                values[prefix + "longest_wait_seconds"] = Math.Round(q.LongestWait.TotalSeconds, 3);
                values[prefix + "agents_available"] = q.AgentsAvailable;
                values[prefix + "answered"] = q.Answered;
                values[prefix + "abandoned"] = q.Abandoned;
                if (q.ServiceLevel is { } sl)
                {
                    values[prefix + "service_level"] = sl;
                }

                if (q.AbandonRate is { } ar)
                {
                    values[prefix + "abandon_rate"] = ar;
                }
            }
        }

        if (_stages is not null)
        {
            foreach (var s in _stages.Snapshot())
            {
                var prefix = "channel." + Segment(s.Name) + ".";
                values[prefix + "written"] = s.Written;
                values[prefix + "read"] = s.Read;
                values[prefix + "dropped"] = s.Dropped;
                values[prefix + "depth"] = s.Depth;
            }
        }

        values["outbox.rows"] = _outbox.Count;
        if (_service is not null)
        {
            values["uplink.acknowledged"] = _service.Acknowledged;
            values["uplink.connect_failures"] = _service.ConnectFailures;
            values["uplink.connected"] = _service.IsConnected ? 1 : 0;
        }

        return new MetricsSnapshot(_time.GetUtcNow(), values);
    }

    /// <summary>Stores one snapshot and queues it for <c>metrics</c>.</summary>
    public MetricsSnapshot Take()
    {
        var snapshot = Snapshot();
        _store.Add(snapshot);
        Interlocked.Increment(ref _taken);
        return snapshot;
    }

    /// <summary>A name as one dotted segment: letters, digits, '_' and '-' stay, anything else becomes '_'.</summary>
    internal static string Segment(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? char.ToLower(c, CultureInfo.InvariantCulture) : '_');
        }

        return text.Length == 0 ? "_" : text.ToString();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_uplink.Enabled || _options.MetricsIntervalSeconds == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.MetricsIntervalSeconds), _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    Take();
                }
                catch (Exception ex) when (ex is LiteDB.LiteException or IOException or ObjectDisposedException)
                {
                    UplinkLog.MetricsSnapshotFailed(_log, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
