using EdgeCc.Agent.Floor;
using EdgeCc.Agent.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Uplink;

/// <summary>
/// Turns this box's floor (agents, lights, queue figures) into the retained <c>floor</c> message.
/// Changes are coalesced to at most one snapshot per <see cref="SiteFloorOptions.MinIntervalSeconds"/>
/// and the snapshot is refreshed every <see cref="SiteFloorOptions.RefreshSeconds"/> even when
/// nothing changed, so the wallboard host can judge staleness by its <c>at</c>. It goes through
/// <see cref="Outbox.ReplaceLatest"/>: during an outage only the newest snapshot waits.
/// Runs only when the uplink is enabled and the host has a floor.
/// </summary>
internal sealed class FloorPublisher : BackgroundService
{
    private readonly Outbox _outbox;
    private readonly UplinkOptions _uplink;
    private readonly SiteFloorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<FloorPublisher> _log;
    private readonly FloorState? _floor;
    private readonly QueueBoard? _queues;
    private readonly Signal _changed = new();
    private byte[]? _lastContent;
    private DateTimeOffset? _lastAt;
    private int _dirty = 1;
    private long _published;

    public FloorPublisher(
        Outbox outbox,
        IOptions<UplinkOptions> uplink,
        IOptions<SiteFloorOptions> options,
        TimeProvider time,
        ILogger<FloorPublisher> log,
        FloorState? floor = null,
        QueueBoard? queues = null)
    {
        ArgumentNullException.ThrowIfNull(uplink);
        ArgumentNullException.ThrowIfNull(options);
        _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
        _uplink = uplink.Value;
        _options = options.Value;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _floor = floor;
        _queues = queues;
        if (floor is not null)
        {
            floor.Changed += OnFloorChanged;
        }

        if (queues is not null)
        {
            queues.Changed += OnChanged;
        }
    }

    /// <summary>Snapshots written to the outbox so far.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>What the <c>floor</c> message says now.</summary>
    public FloorSnapshot Snapshot()
    {
        var now = _time.GetUtcNow();
        var agents = new List<FloorAgent>();
        if (_floor is not null)
        {
            foreach (var a in _floor.Snapshot())
            {
                agents.Add(new FloorAgent(a.AgentId, Word(a.State), Word(a.Light), ActiveAlerts(a)));
            }
        }

        var queues = new List<FloorQueue>();
        if (_queues is not null)
        {
            foreach (var q in _queues.Snapshot())
            {
                queues.Add(new FloorQueue(q.Queue, q.Waiting, q.LongestWait));
            }
        }

        return new FloorSnapshot(now, agents, queues);
    }

    /// <summary>
    /// Writes a snapshot when the floor changed since the last one (and it shows something new) or
    /// when the refresh is due; returns whether it wrote one. The service calls it at most once per
    /// minimum interval.
    /// </summary>
    public bool PublishIfDue()
    {
        var dirty = Interlocked.Exchange(ref _dirty, 0) != 0;
        var snapshot = Snapshot();

        // A box with no stations and no queues (a summaries-only box) has no part of the floor to
        // share; once it has shared one, an empty part is news (it clears the retained message).
        if (_lastContent is null && snapshot.Agents.Count == 0 && snapshot.Queues.Count == 0)
        {
            return false;
        }

        var due = _lastAt is not { } last || snapshot.At - last >= TimeSpan.FromSeconds(_options.RefreshSeconds);
        if (!dirty && !due)
        {
            return false;
        }

        // The content without its time: a change that shows nothing new (a detection on a green
        // call) is not worth a message before the refresh is due.
        var content = PayloadWriter.Floor(snapshot with { At = DateTimeOffset.UnixEpoch });
        if (!due && _lastContent is not null && content.AsSpan().SequenceEqual(_lastContent))
        {
            return false;
        }

        _outbox.ReplaceLatest(OutboxTopics.Floor, PayloadWriter.Floor(snapshot));
        _lastContent = content;
        _lastAt = snapshot.At;
        Interlocked.Increment(ref _published);
        return true;
    }

    /// <summary>
    /// Alerts a supervisor must see at this desk now: a red light (the wallboard raises an alert
    /// for it) or a help request (blue).
    /// </summary>
    internal static int ActiveAlerts(AgentStatus agent) => agent.Light is LightColour.Red or LightColour.Blue ? 1 : 0;

    internal static string Word<T>(T value)
        where T : struct, Enum
        => value.ToString().ToLowerInvariant();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_uplink.Enabled || _floor is null)
        {
            return;
        }

        var minimum = TimeSpan.FromSeconds(_options.MinIntervalSeconds);
        var refresh = TimeSpan.FromSeconds(_options.RefreshSeconds);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var changed = _changed.Next;
                try
                {
                    PublishIfDue();
                }
                catch (Exception ex) when (ex is LiteDB.LiteException or IOException or ObjectDisposedException)
                {
                    // The store is failing; the next change or refresh tries again.
                    UplinkLog.FloorPublishFailed(_log, ex);
                }

                await Task.Delay(minimum, _time, stoppingToken).ConfigureAwait(false);
                if (Volatile.Read(ref _dirty) == 0)
                {
                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    var remaining = refresh - minimum;
                    var timer = remaining > TimeSpan.Zero ? Task.Delay(remaining, _time, wait.Token) : Task.CompletedTask;
                    await Task.WhenAny(changed, timer).WaitAsync(stoppingToken).ConfigureAwait(false);
                    await wait.CancelAsync().ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    public override void Dispose()
    {
        if (_floor is not null)
        {
            _floor.Changed -= OnFloorChanged;
        }

        if (_queues is not null)
        {
            _queues.Changed -= OnChanged;
        }

        base.Dispose();
    }

    private void OnFloorChanged(FloorChange change) => OnChanged();

    private void OnChanged()
    {
        Interlocked.Exchange(ref _dirty, 1);
        _changed.Fire();
    }
}
