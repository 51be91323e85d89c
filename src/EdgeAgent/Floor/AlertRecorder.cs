using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Store;
using EdgeCc.Agent.Uplink;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeCc.Agent.Floor;

/// <summary>
/// Turns what a person must see into stored alerts (and so into the outbox's <c>alerts</c>): an
/// agent's light turning red (critical), amber or blue (warning), and a topic spiking across the
/// site (warning, with its evidence). The floor raises its changes on its own thread under time
/// pressure (lights), so they are only queued here; the disk write happens on this service's loop,
/// and a failed write is retried, never skipped.
/// </summary>
internal sealed class AlertRecorder : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private readonly FloorState _floor;
    private readonly TopicTrendDetector _trends;
    private readonly AlertStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<AlertRecorder> _logger;

    // Unbounded: alerts come at the pace of lights changing colour, and one must never be dropped.
    private readonly Channel<AlertMessage> _queue = Channel.CreateUnbounded<AlertMessage>(new UnboundedChannelOptions { SingleReader = true });
    private long _recorded;

    public AlertRecorder(FloorState floor, TopicTrendDetector trends, AlertStore store, TimeProvider time, ILogger<AlertRecorder> logger)
    {
        _floor = floor;
        _trends = trends;
        _store = store;
        _time = time;
        _logger = logger;
        _floor.Changed += OnFloorChanged;
        _trends.Spiked += OnTopicSpiked;
    }

    public long Recorded => Interlocked.Read(ref _recorded);

    /// <summary>The alert an agent's new status calls for, or null when it is not news for a person.</summary>
    public static AlertMessage? For(FloorChange change, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(change);
        var agent = change.Agent;
        var severity = agent.Light switch
        {
            LightColour.Red => AlertSeverity.Critical,
            LightColour.Amber or LightColour.Blue => AlertSeverity.Warning,
            _ => (AlertSeverity?)null,
        };
        if (severity is null || (change.Before is { } before && before.Light == agent.Light && before.Rule == agent.Rule))
        {
            return null;
        }

        return new AlertMessage(IdFor(agent), RuleName(agent.Rule), severity.Value, agent.Reason, now, agent.AgentId, agent.CallId);
    }

    /// <summary>
    /// The id of the alert an agent's status raises, the same wherever it is computed (the wallboard
    /// shows it, acknowledgements name it): a digest of agent, call, when the light took its colour and
    /// the rule. Short and URL-safe, whatever characters a SIP Call-ID holds.
    /// </summary>
    public static string IdFor(AgentStatus agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var key = string.Create(CultureInfo.InvariantCulture, $"{agent.AgentId}\n{agent.CallId}\n{agent.Since.UtcTicks}\n{agent.Rule}");
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), digest);
        return "al_" + Convert.ToHexStringLower(digest[..8]);
    }

    /// <summary>The site alert for a topic spike; the text carries the evidence for a person, <see cref="AlertMessage.Trend"/> for central.</summary>
    public static AlertMessage For(TopicTrendAlert spike)
    {
        ArgumentNullException.ThrowIfNull(spike);
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"'{spike.Category}' calls spiking: {spike.WindowCount} in the last {spike.Window.TotalMinutes:0} min, usually {spike.BaselinePerWindow:0.#} ({spike.Ratio:0.#}x, baseline {spike.BaselineCount} in {spike.BaselinePeriod.TotalHours:0.#} h)");
        var id = string.Create(CultureInfo.InvariantCulture, $"topic-{spike.Category}-{spike.At.ToUnixTimeMilliseconds()}");
        return new AlertMessage(id, "topic-spike", AlertSeverity.Warning, text, spike.At) { Trend = spike };
    }

    public override void Dispose()
    {
        _floor.Changed -= OnFloorChanged;
        _trends.Spiked -= OnTopicSpiked;
        base.Dispose();
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);

        // What is still queued is stored, even when the loop below never got to run.
        while (_queue.Reader.TryRead(out var alert))
        {
            await StoreAsync(alert, CancellationToken.None).ConfigureAwait(false);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var alert in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await StoreAsync(alert, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync stores the rest.
        }
    }

    private async Task StoreAsync(AlertMessage alert, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _store.Add(alert);
                Interlocked.Increment(ref _recorded);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < 10)
            {
                FloorLog.AlertStoreFailed(_logger, alert.Kind, attempt, ex);
                await Task.Delay(RetryDelay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void OnFloorChanged(FloorChange change)
    {
        if (For(change, _time.GetUtcNow()) is { } alert)
        {
            _queue.Writer.TryWrite(alert);
        }
    }

    private void OnTopicSpiked(TopicTrendAlert spike) => _queue.Writer.TryWrite(For(spike));

    private static string RuleName(AlertRule rule) => rule switch
    {
        AlertRule.Escalation => "escalation",
        AlertRule.Help => "help",
        AlertRule.Sentiment => "sentiment",
        AlertRule.Arousal => "arousal",
        AlertRule.Silence => "dead-air",
        AlertRule.Hold => "long-hold",
        _ => "light",
    };
}
