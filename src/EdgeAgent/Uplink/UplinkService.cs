using System.Buffers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using EdgeCc.Agent.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeCc.Agent.Uplink;

/// <summary>
/// Drains the outbox to the broker, oldest first. Up to <see cref="UplinkOptions.MaxInFlight"/>
/// publishes are on the wire at once; rows are deleted strictly in sequence order and only after
/// their PUBACK, so after a drop everything from the first unacknowledged row is sent again
/// (same bytes, same idempotency key). The pipeline never waits for this: it only writes rows.
/// </summary>
internal sealed class UplinkService : BackgroundService
{
    private static readonly string AgentVersion = typeof(UplinkService).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    private readonly IOptionsMonitor<UplinkOptions> _options;
    private readonly Outbox _outbox;
    private readonly RemoteConfigHandler _config;
    private readonly TimeProvider _time;
    private readonly ILogger<UplinkService> _log;
    private readonly MqttClientFactory _factory = new();
    private long _connects;
    private long _connectFailures;
    private long _acknowledged;
    private volatile bool _isConnected;

    public UplinkService(IOptionsMonitor<UplinkOptions> options, Outbox outbox, RemoteConfigHandler config, TimeProvider time, ILogger<UplinkService> log)
    {
        _options = options;
        _outbox = outbox;
        _config = config;
        _time = time;
        _log = log;
    }

    public long Connects => Interlocked.Read(ref _connects);

    public long ConnectFailures => Interlocked.Read(ref _connectFailures);

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public bool IsConnected => _isConnected;

    /// <summary>Fires on every connect, failed connect, lost connection and acknowledged batch; tests and health checks wait on it.</summary>
    public Signal Progress { get; } = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var first = _options.CurrentValue;
        var backoff = new Backoff(first.ReconnectMinDelay, first.ReconnectMaxDelay);
        var since = _time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var options = _options.CurrentValue;
            var topics = new UplinkTopics(options.Site, options.Device);
            using var client = _factory.CreateMqttClient();
            var lost = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            client.DisconnectedAsync += e =>
            {
                lost.TrySetResult(e.Exception?.Message ?? e.ReasonString ?? e.Reason.ToString());
                return Task.CompletedTask;
            };
            client.ApplicationMessageReceivedAsync += e => OnMessage(e, topics);

            try
            {
                var result = await client.ConnectAsync(BuildClientOptions(options, topics, since), stoppingToken).ConfigureAwait(false);
                if (result.ResultCode != MqttClientConnectResultCode.Success)
                {
                    throw new InvalidOperationException("broker answered " + result.ResultCode);
                }

                backoff.Reset();
                Interlocked.Increment(ref _connects);
                _isConnected = true;
                UplinkLog.Connected(_log, options.BrokerHost, options.BrokerPort, options.EffectiveClientId, result.IsSessionPresent);
                Progress.Fire();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref _connectFailures);
                var delay = backoff.Next();
                UplinkLog.ConnectFailed(_log, options.BrokerHost, options.BrokerPort, backoff.Attempt, Describe(ex), delay);
                Progress.Fire();
                await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
                continue;
            }

            try
            {
                await RunConnectedAsync(client, options, topics, since, lost.Task, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                UplinkLog.ConnectionLost(_log, Describe(ex), _outbox.Count);
            }
            finally
            {
                _isConnected = false;
                Progress.Fire();
            }

            if (stoppingToken.IsCancellationRequested)
            {
                await GoOfflineAsync(client, options, topics, since).ConfigureAwait(false);
                break;
            }

            await Task.Delay(backoff.Next(), _time, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task RunConnectedAsync(IMqttClient client, UplinkOptions options, UplinkTopics topics, DateTimeOffset since, Task<string> lost, CancellationToken ct)
    {
        await client.PublishAsync(StatusMessage(options, topics, since, online: true), ct).ConfigureAwait(false);
        await client.SubscribeAsync(
            _factory.CreateSubscribeOptionsBuilder().WithTopicFilter(topics.Config, MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            ct).ConfigureAwait(false);

        var inFlight = new List<(OutboxRow Row, Task<MqttClientPublishResult> Ack)>(options.MaxInFlight);
        while (!ct.IsCancellationRequested)
        {
            var added = _outbox.WhenRowsAdded();
            var rows = _outbox.Peek(options.MaxInFlight);
            if (rows.Count == 0)
            {
                var woke = await Task.WhenAny(added, lost).WaitAsync(ct).ConfigureAwait(false);
                if (woke == lost)
                {
                    throw new InvalidOperationException(await lost.ConfigureAwait(false));
                }

                continue;
            }

            inFlight.Clear();
            foreach (var row in rows)
            {
                inFlight.Add((row, client.PublishAsync(ToMessage(options, topics, row), ct)));
            }

            long acknowledgedThrough = 0;
            try
            {
                foreach (var (row, ack) in inFlight)
                {
                    var result = await ack.ConfigureAwait(false);
                    if (result.ReasonCode is not (MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers))
                    {
                        UplinkLog.PublishRefused(_log, row.Sequence, row.Topic, result.ReasonCode.ToString());
                        throw new InvalidOperationException("broker refused message " + row.Sequence + ": " + result.ReasonCode);
                    }

                    acknowledgedThrough = row.Sequence;
                    Interlocked.Increment(ref _acknowledged);
                }
            }
            finally
            {
                // Only the acknowledged prefix goes; from the first gap on, rows are sent again.
                if (acknowledgedThrough > 0)
                {
                    _outbox.DeleteThrough(acknowledgedThrough);
                }

                // A broken batch leaves later publishes faulted; observe them so none goes unobserved.
                foreach (var (_, ack) in inFlight)
                {
                    _ = ack.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                }
            }

            Progress.Fire();
        }
    }

    private async Task OnMessage(MqttApplicationMessageReceivedEventArgs e, UplinkTopics topics)
    {
        if (e.ApplicationMessage.Topic != topics.Config)
        {
            return;
        }

        try
        {
            var payload = e.ApplicationMessage.Payload;
            _config.Handle(payload.IsSingleSegment ? payload.First : payload.ToArray());
        }
        catch (Exception ex)
        {
            UplinkLog.ConfigHandlingFailed(_log, ex);
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private async Task GoOfflineAsync(IMqttClient client, UplinkOptions options, UplinkTopics topics, DateTimeOffset since)
    {
        if (!client.IsConnected)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), _time);
        try
        {
            await client.PublishAsync(StatusMessage(options, topics, since, online: false), timeout.Token).ConfigureAwait(false);
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or MqttCommunicationException or InvalidOperationException)
        {
            // The broker is gone already; the last will says offline for us.
        }
    }

    private static MqttApplicationMessage StatusMessage(UplinkOptions options, UplinkTopics topics, DateTimeOffset since, bool online) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topics.Status)
            .WithPayload(Envelope.Status(options.Site, options.Device, online, since, AgentVersion))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag()
            .WithContentType("application/json")
            .Build();

    private static MqttApplicationMessage ToMessage(UplinkOptions options, UplinkTopics topics, OutboxRow row) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topics.For(row.Topic))
            .WithPayload(Envelope.Wrap(options.Site, options.Device, row))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(UplinkTopics.IsRetained(row.Topic))
            .WithContentType("application/json")
            .WithPayloadFormatIndicator(MqttPayloadFormatIndicator.CharacterData)
            .Build();

    internal static MqttClientOptions BuildClientOptions(UplinkOptions options, UplinkTopics topics, DateTimeOffset since)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(options.BrokerHost, options.BrokerPort)
            .WithClientId(options.EffectiveClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)options.SessionExpiry.TotalSeconds)
            .WithKeepAlivePeriod(options.KeepAlive)
            .WithTimeout(options.ConnectTimeout)
            .WithWillTopic(topics.Status)
            .WithWillPayload(Envelope.Status(options.Site, options.Device, online: false, since, AgentVersion))
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillContentType("application/json");
        if (!string.IsNullOrEmpty(options.Username))
        {
            builder.WithCredentials(options.Username, options.Password ?? "");
        }

        if (options.Tls.Enabled)
        {
            builder.WithTlsOptions(tls => ConfigureTls(tls, options));
        }

        return builder.Build();
    }

    private static void ConfigureTls(MqttClientTlsOptionsBuilder tls, UplinkOptions options)
    {
        var t = options.Tls;
        tls.UseTls().WithTargetHost(string.IsNullOrEmpty(t.ServerName) ? options.BrokerHost : t.ServerName);
        X509Certificate2Collection? trust = null;
        if (!string.IsNullOrEmpty(t.CaFile))
        {
            trust = new X509Certificate2Collection();
            trust.ImportFromPemFile(t.CaFile);
        }

        tls.WithCertificateValidationHandler(e => ServerCertificateIsTrusted(e.Certificate, e.SslPolicyErrors, trust));
        if (!string.IsNullOrEmpty(t.ClientCertFile) && !string.IsNullOrEmpty(t.ClientKeyFile))
        {
            var pem = X509Certificate2.CreateFromPemFile(t.ClientCertFile, t.ClientKeyFile);
            tls.WithClientCertificates([pem]);
        }
    }

    /// <summary>
    /// With a configured CA only chains to that CA count (a private PKI must not be bypassed by
    /// a public certificate); the name must match either way.
    /// </summary>
    internal static bool ServerCertificateIsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection? trust)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        if (trust is null)
        {
            return errors == SslPolicyErrors.None;
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trust);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }

    private static string Describe(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return ReferenceEquals(inner, ex) ? ex.GetType().Name + ": " + ex.Message : ex.GetType().Name + ": " + ex.Message + " (" + inner.Message + ")";
    }
}
