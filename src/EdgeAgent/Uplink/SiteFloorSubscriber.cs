using System.Buffers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeCc.Agent.Uplink;

/// <summary>
/// On the site's wallboard host: a second MQTT client (its own client id, no will, no persistent
/// session; the uplink's broker, TLS and credentials) subscribed to every box's retained
/// <c>floor</c> and <c>status</c> and to their <c>alerts</c>, feeding <see cref="SiteFloor"/>.
/// A clean session is right here: on every (re)connect the broker hands over the retained state
/// of every box, which is all the merged view needs; missed alerts are history central keeps.
/// </summary>
internal sealed class SiteFloorSubscriber : BackgroundService
{
    private readonly SiteFloor _site;
    private readonly UplinkOptions _uplink;
    private readonly SiteFloorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SiteFloorSubscriber> _log;
    private readonly MqttClientFactory _factory = new();
    private readonly int[] _loggedOutcomes = new int[Enum.GetValues<SiteMessageOutcome>().Length];
    private long _connects;
    private long _connectFailures;

    public SiteFloorSubscriber(SiteFloor site, IOptions<UplinkOptions> uplink, IOptions<SiteFloorOptions> options, TimeProvider time, ILogger<SiteFloorSubscriber> log)
    {
        ArgumentNullException.ThrowIfNull(uplink);
        ArgumentNullException.ThrowIfNull(options);
        _site = site ?? throw new ArgumentNullException(nameof(site));
        _uplink = uplink.Value;
        _options = options.Value;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _log = log ?? throw new ArgumentNullException(nameof(log));
    }

    public long Connects => Interlocked.Read(ref _connects);

    public long ConnectFailures => Interlocked.Read(ref _connectFailures);

    /// <summary>Fires on every connect and failed connect; tests wait on it.</summary>
    public Store.Signal Progress { get; } = new();

    public string ClientId => string.IsNullOrEmpty(_options.ClientId) ? _uplink.EffectiveClientId + "-wallboard" : _options.ClientId;

    /// <summary>The three filters: every box of this site, this box included (its own messages are skipped).</summary>
    public IReadOnlyList<string> TopicFilters =>
    [
        $"edgecc/v1/{_uplink.Site}/+/floor",
        $"edgecc/v1/{_uplink.Site}/+/alerts",
        $"edgecc/v1/{_uplink.Site}/+/status",
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_site.Enabled)
        {
            return;
        }

        var backoff = new Backoff(_uplink.ReconnectMinDelay, _uplink.ReconnectMaxDelay);
        while (!stoppingToken.IsCancellationRequested)
        {
            using var client = _factory.CreateMqttClient();
            var lost = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            client.DisconnectedAsync += e =>
            {
                lost.TrySetResult(e.Exception?.Message ?? e.ReasonString ?? e.Reason.ToString());
                return Task.CompletedTask;
            };
            client.ApplicationMessageReceivedAsync += OnMessage;
            try
            {
                var result = await client.ConnectAsync(ClientOptions(), stoppingToken).ConfigureAwait(false);
                if (result.ResultCode != MqttClientConnectResultCode.Success)
                {
                    throw new InvalidOperationException("broker answered " + result.ResultCode);
                }

                var subscribe = _factory.CreateSubscribeOptionsBuilder();
                foreach (var filter in TopicFilters)
                {
                    subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
                }

                await client.SubscribeAsync(subscribe.Build(), stoppingToken).ConfigureAwait(false);
                backoff.Reset();
                Interlocked.Increment(ref _connects);
                _site.SetConnected(true);
                UplinkLog.SiteWallboardConnected(_log, _uplink.BrokerHost, _uplink.BrokerPort, ClientId, _uplink.Site);
                Progress.Fire();
                var reason = await lost.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
                _site.SetConnected(false);
                UplinkLog.SiteWallboardLost(_log, reason);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                _site.SetConnected(false);
                Interlocked.Increment(ref _connectFailures);
                UplinkLog.SiteWallboardConnectFailed(_log, _uplink.BrokerHost, _uplink.BrokerPort, backoff.Attempt + 1, ex.GetBaseException().Message);
                Progress.Fire();
            }

            try
            {
                await Task.Delay(backoff.Next(), _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        _site.SetConnected(false);
    }

    internal MqttClientOptions ClientOptions() =>
        new MqttClientOptionsBuilder()
            .WithTcpServer(_uplink.BrokerHost, _uplink.BrokerPort)
            .WithClientId(ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithSessionExpiryInterval(0)
            .WithKeepAlivePeriod(_uplink.KeepAlive)
            .WithTimeout(_uplink.ConnectTimeout)
            .WithUplinkTls(_uplink)
            .Build();

    private Task OnMessage(MqttApplicationMessageReceivedEventArgs e)
    {
        var message = e.ApplicationMessage;
        var payload = message.Payload;
        var outcome = payload.IsSingleSegment
            ? _site.Accept(message.Topic, payload.FirstSpan)
            : _site.Accept(message.Topic, payload.ToArray());
        if (outcome is not (SiteMessageOutcome.Floor or SiteMessageOutcome.Alert or SiteMessageOutcome.Status or SiteMessageOutcome.Own)
            && Interlocked.Exchange(ref _loggedOutcomes[(int)outcome], 1) == 0)
        {
            // Once per kind: a misconfigured box would otherwise fill the log every refresh; the counts are in SiteFloor.
            UplinkLog.SiteMessageRejected(_log, message.Topic, outcome.ToString());
        }

        return Task.CompletedTask;
    }
}
