using System.Globalization;
using EdgeCc.Agent.Floor;
using EdgeCc.Agent.Uplink;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Web;

/// <summary>
/// The web's one adapter to the floor: listens to <see cref="FloorState.Changed"/>, keeps what the
/// floor itself does not (alerts raised when a light turns red, the live feed, per-minute trends,
/// detections by category) and builds the <see cref="WallboardView"/>. When the floor gains alert
/// rules and queue figures, only this file changes.
/// </summary>
internal sealed class WallboardFeed : IDisposable
{
    public const int FeedLength = 60;
    public const int AlertsKept = 30;

    private readonly FloorState _floor;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _lightSince = new(StringComparer.Ordinal);
    private readonly LinkedList<FeedItem> _feed = new();
    private readonly List<AlertView> _alerts = [];
    private readonly Dictionary<string, long> _detections = new(StringComparer.OrdinalIgnoreCase);
    private readonly TrendBuckets _trends = new();
    private TaskCompletionSource _changed = NewSignal();
    private long _version;
    private readonly QueueBoard? _queues;
    private readonly FloorOptions _floorOptions;
    private readonly SiteFloor? _site;
    private long _alertsRaised;
    private long _acknowledged;

    public WallboardFeed(FloorState floor, TimeProvider time, QueueBoard? queues = null, IOptions<FloorOptions>? floorOptions = null, SiteFloor? site = null)
    {
        _floorOptions = floorOptions?.Value ?? new FloorOptions();
        ArgumentNullException.ThrowIfNull(floor);
        ArgumentNullException.ThrowIfNull(time);
        _floor = floor;
        _time = time;
        _queues = queues;
        _floor.Changed += OnChanged;
        if (queues is not null)
        {
            queues.Changed += OnQueuesChanged;
        }

        // Only the site's wallboard host merges the other boxes' parts.
        if (site is { Enabled: true })
        {
            _site = site;
            site.Changed += OnQueuesChanged;
        }
    }

    public long AlertsRaised => Interlocked.Read(ref _alertsRaised);

    public long Acknowledgements => Interlocked.Read(ref _acknowledged);

    /// <summary>Completes at the next change; take it before reading the view it guards.</summary>
    public Task WhenChanged
    {
        get
        {
            lock (_gate)
            {
                return _changed.Task;
            }
        }
    }

    public IReadOnlyDictionary<string, long> DetectionsByCategory()
    {
        lock (_gate)
        {
            return new SortedDictionary<string, long>(_detections, StringComparer.Ordinal);
        }
    }

    /// <summary>Agents per light colour (lower-case) and how many are on a call.</summary>
    public (IReadOnlyDictionary<string, int> ByLight, int OnCall) AgentCounts()
    {
        var byLight = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var light in Enum.GetValues<LightColour>())
        {
            byLight[Word(light)] = 0;
        }

        var onCall = 0;
        foreach (var agent in _floor.Snapshot())
        {
            byLight[Word(agent.Light)]++;
            onCall += agent.CallId is null ? 0 : 1;
        }

        return (byLight, onCall);
    }

    public WallboardView View(int staleAfterSeconds, bool canAcknowledge, IReadOnlyList<ComponentHealth> health)
    {
        var now = _time.GetUtcNow();
        var agents = _floor.Snapshot();
        var views = new List<AgentView>(agents.Count);
        var available = 0;
        lock (_gate)
        {
            foreach (var agent in agents)
            {
                available += agent.State == AgentState.Idle ? 1 : 0;
                views.Add(new AgentView(
                    agent.AgentId,
                    Word(agent.State),
                    Word(agent.Light),
                    agent.Reason,
                    agent.CallId is not null,
                    Math.Round(agent.Sentiment, 2),
                    _lightSince.GetValueOrDefault(agent.AgentId, now)));
            }

            var queues = Queues(available);
            var alerts = new List<AlertView>(_alerts);
            alerts.Reverse();
            var site = Site(now, alerts);
            return new WallboardView(
                now,
                _version,
                staleAfterSeconds,
                canAcknowledge,
                queues,
                available,
                views,
                alerts,
                [.. _feed],
                _trends.Series(now),
                health,
                site);
        }
    }

    /// <summary>Marks the alert acknowledged; null when no such alert is open.</summary>
    public AlertView? Acknowledge(string alertId, string by)
    {
        TaskCompletionSource fired;
        AlertView acknowledged;
        lock (_gate)
        {
            var index = _alerts.FindIndex(a => a.AlertId == alertId);
            if (index < 0 || _alerts[index].AcknowledgedAt is not null)
            {
                return null;
            }

            var now = _time.GetUtcNow();
            acknowledged = _alerts[index] with { AcknowledgedBy = by, AcknowledgedAt = now };
            _alerts[index] = acknowledged;
            AddFeed(new FeedItem("ack", now, acknowledged.AgentId, "ack", $"{by} acknowledged: {acknowledged.Text}"));
            Interlocked.Increment(ref _acknowledged);
            fired = Bump();
        }

        fired.TrySetResult();
        return acknowledged;
    }

    public void Dispose()
    {
        _floor.Changed -= OnChanged;
        if (_queues is not null)
        {
            _queues.Changed -= OnQueuesChanged;
        }

        if (_site is not null)
        {
            _site.Changed -= OnQueuesChanged;
        }
    }

    internal static string Word<T>(T value)
        where T : struct, Enum
        => value.ToString().ToLowerInvariant();

    /// <summary>
    /// A tile per queue the queue feeds (AMI, SIP-derived) know; without any, one floor-wide tile
    /// with the one figure the floor itself has.
    /// </summary>
    private QueueView[] Queues(int available)
    {
        var stats = _queues?.Snapshot() ?? [];
        if (stats.Count == 0)
        {
            return [new QueueView("All queues", null, null, available, null, null)];
        }

        var views = new QueueView[stats.Count];
        for (var i = 0; i < stats.Count; i++)
        {
            var q = stats[i];
            views[i] = new QueueView(
                q.Queue,
                q.Waiting,
                Math.Round(q.LongestWait.TotalSeconds),
                q.AgentsAvailable,
                q.ServiceLevel is { } sl ? Math.Round(sl * 100, 1) : null,
                q.AbandonRate is { } ar ? Math.Round(ar * 100, 1) : null,
                Colour(q));
        }

        return views;
    }

    /// <summary>
    /// The other boxes of the site, each part with its agents and queues, and their alerts merged
    /// into <paramref name="alerts"/> (newest first, marked with their device); null unless this box
    /// is the site's wallboard host.
    /// </summary>
    private SiteView? Site(DateTimeOffset now, List<AlertView> alerts)
    {
        if (_site is null)
        {
            return null;
        }

        var parts = new List<FloorPartView>();
        foreach (var part in _site.Parts())
        {
            var agents = new List<PartAgentView>(part.Agents.Count);
            foreach (var a in part.Agents)
            {
                agents.Add(new PartAgentView(a.AgentId, a.State, a.Light, a.ActiveAlerts));
            }

            var queues = new List<QueueView>(part.Queues.Count);
            foreach (var q in part.Queues)
            {
                queues.Add(new QueueView(q.QueueId, q.Waiting, Math.Round(q.LongestWait.TotalSeconds), null, null, null));
            }

            double? age = part.At is { } at ? Math.Max(0, Math.Round((now - at).TotalSeconds, 1)) : null;
            parts.Add(new FloorPartView(part.Device, Word(part.State), part.At, part.ReceivedAt, age, agents, queues));
        }

        var remoteAlerts = _site.Alerts();
        if (remoteAlerts.Count > 0)
        {
            foreach (var remote in remoteAlerts)
            {
                var a = remote.Alert;
                alerts.Add(new AlertView(a.AlertId, a.AgentId ?? "", a.CallId, PayloadWriter.SeverityName(a.Severity), a.Text, a.RaisedAt, Device: remote.Device));
            }

            // Stable, so local alerts raised in the same instant keep their order.
            var merged = alerts.OrderByDescending(static a => a.RaisedAt).ToList();
            alerts.Clear();
            alerts.AddRange(merged);
        }
        return new SiteView(_site.Site, _site.Device, _site.Connected, (int)_site.StaleAfter.TotalSeconds, parts);
    }

    /// <summary>The tile's colour: the same thresholds as the queue's stack light (defaults where it has none).</summary>
    private string Colour(QueueStats stats)
    {
        var light = _floorOptions.StackLights.Find(s => s.Queue == stats.Queue) ?? new StackLightOptions { Queue = stats.Queue };
        var target = _floorOptions.Queues.Find(q => q.Name == stats.Queue)?.ServiceLevelTarget ?? new QueueOptions().ServiceLevelTarget;
        var (red, amber, _) = LightsService.StackPatterns(stats, light, target);
        return red != EdgeCc.Drivers.StackLight.LampPattern.Off ? "red" : amber != EdgeCc.Drivers.StackLight.LampPattern.Off ? "amber" : "green";
    }

    private void OnQueuesChanged()
    {
        TaskCompletionSource fired;
        lock (_gate)
        {
            fired = Bump();
        }

        fired.TrySetResult();
    }

    private void OnChanged(FloorChange change)
    {
        TaskCompletionSource fired;
        var now = _time.GetUtcNow();
        var agent = change.Agent;
        lock (_gate)
        {
            if (change.Before is null || change.Before.Light != agent.Light)
            {
                _lightSince[agent.AgentId] = now;
            }

            if (change.Detection is { } detection)
            {
                _detections[detection.Category] = _detections.GetValueOrDefault(detection.Category) + 1;
                _trends.Add(detection.Category, now);
                AddFeed(new FeedItem("detection", now, agent.AgentId, detection.Category, string.Create(CultureInfo.InvariantCulture, $"'{detection.Phrase}' from the {Word(detection.Leg)}")));
            }

            if (agent.Light == LightColour.Red && change.Before?.Light != LightColour.Red)
            {
                // The id AlertRecorder stores and sends: an acknowledgement names the alert central has.
                Interlocked.Increment(ref _alertsRaised);
                var id = AlertRecorder.IdFor(agent);
                var alert = new AlertView(id, agent.AgentId, agent.CallId, "critical", agent.Reason, now);
                _alerts.Add(alert);
                if (_alerts.Count > AlertsKept)
                {
                    _alerts.RemoveAt(0);
                }

                AddFeed(new FeedItem("alert", now, agent.AgentId, "alert", agent.Reason));
            }

            fired = Bump();
        }

        fired.TrySetResult();
    }

    private void AddFeed(FeedItem item)
    {
        _feed.AddFirst(item);
        if (_feed.Count > FeedLength)
        {
            _feed.RemoveLast();
        }
    }

    private TaskCompletionSource Bump()
    {
        _version++;
        var fired = _changed;
        _changed = NewSignal();
        return fired;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
