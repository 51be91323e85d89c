using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
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
/// Drains the outbox to the broker, oldest first, as three loops per connection: a publisher that
/// reads rows in batches and keeps up to <see cref="Window"/> QoS 1 publishes in flight, an
/// acknowledger that takes the PUBACKs in send order, and a settler that records the acknowledged
/// prefix in the store (batched, one transaction) and deletes acknowledged rows when idle. After a
/// drop everything from the first unacknowledged row is sent again (same bytes, same idempotency
/// key). The pipeline never waits for this: it only writes rows.
/// </summary>
internal sealed class UplinkService : BackgroundService
{
    private static readonly string AgentVersion = typeof(UplinkService).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    // Rows read from the store per query: a query has a fixed cost (measured: 1,024 rows per
    // query took half the CPU per row of 256), and 1,024 rows of ~1 KB keep a backlog of any size
    // at about a megabyte of memory.
    private const int MinReadBatch = 64;
    private const int MaxReadBatch = 1024;

    // A LiteDB commit costs ~9 ms of CPU on this class of box however small it is (measured with
    // the acknowledged mark), so while a backlog drains the mark is committed at most this often:
    // at 5,000 messages/s that is one commit per ~500 messages. A crash in between only means
    // those messages are sent again with the same idempotency keys. Once the uplink has caught up
    // the mark is committed at once.
    private static readonly TimeSpan MarkInterval = TimeSpan.FromMilliseconds(100);

    // Rows deleted per transaction once the backlog is sent: a chunk costs LiteDB ~0.1 s of CPU,
    // short enough that new rows are not held up behind it for long.
    private const int PurgeBatch = 500;
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
    private volatile int _window;

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

    /// <summary>Publishes allowed in flight on the current (or last) connection: <see cref="UplinkOptions.MaxInFlight"/>, capped by the broker's Receive Maximum.</summary>
    public int Window => _window;

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

            ushort receiveMaximum;
            try
            {
                var result = await client.ConnectAsync(BuildClientOptions(options, topics, since), stoppingToken).ConfigureAwait(false);
                if (result.ResultCode != MqttClientConnectResultCode.Success)
                {
                    throw new InvalidOperationException("broker answered " + result.ResultCode);
                }

                receiveMaximum = result.ReceiveMaximum ?? 0;

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
                await RunConnectedAsync(client, options, topics, since, receiveMaximum, lost.Task, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                if (!stoppingToken.IsCancellationRequested)
                {
                    UplinkLog.ConnectionLost(_log, Describe(ex), _outbox.Count);
                }
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

    private async Task RunConnectedAsync(IMqttClient client, UplinkOptions options, UplinkTopics topics, DateTimeOffset since, ushort receiveMaximum, Task<string> lost, CancellationToken ct)
    {
        await client.PublishAsync(StatusMessage(options, topics, since, online: true), ct).ConfigureAwait(false);
        await client.SubscribeAsync(
            _factory.CreateSubscribeOptionsBuilder().WithTopicFilter(topics.Config, MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            ct).ConfigureAwait(false);

        var window = EffectiveWindow(options.MaxInFlight, receiveMaximum);
        _window = window;
        if (window < options.MaxInFlight)
        {
            UplinkLog.WindowCapped(_log, window, options.MaxInFlight);
        }

        using var session = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var drain = new DrainSession(window);
        var acker = AckAsync(drain, session);
        var settler = SettleAsync(drain);
        try
        {
            await PublishAsync(client, options, topics, drain, lost, session.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested && drain.Failure is not null)
        {
            // The acknowledger stopped the session; its reason is the one worth reporting.
        }
        finally
        {
            drain.InFlight.Writer.TryComplete();
            await acker.ConfigureAwait(false);
            drain.Acknowledged.Writer.TryComplete();
            await settler.ConfigureAwait(false);
        }

        if (drain.Failure is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        throw new OperationCanceledException(ct);
    }

    /// <summary>
    /// MQTT 5 §3.3.4: a client must not have more unacknowledged QoS 1 publishes than the broker's
    /// Receive Maximum (mosquitto announces its <c>max_inflight_messages</c>, 20 by default).
    /// </summary>
    internal static int EffectiveWindow(int maxInFlight, ushort receiveMaximum) =>
        receiveMaximum == 0 ? maxInFlight : Math.Min(maxInFlight, receiveMaximum);

    /// <summary>
    /// Reads rows in batches after the last one sent and publishes each as soon as the window
    /// has room. Publishes are started in sequence order on one connection; MQTTnet queues their
    /// sends in call order, so the broker receives them in that order.
    /// </summary>
    private async Task PublishAsync(IMqttClient client, UplinkOptions options, UplinkTopics topics, DrainSession drain, Task<string> lost, CancellationToken ct)
    {
        var batch = Math.Clamp(drain.Window * 4, MinReadBatch, MaxReadBatch);
        long sentThrough = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var added = _outbox.WhenRowsAdded();
            var rows = _outbox.Peek(batch, sentThrough);
            drain.PublisherIdle = rows.Count == 0;
            if (rows.Count == 0)
            {
                drain.IdleChanged.Fire();
                var woke = await Task.WhenAny(added, lost).WaitAsync(ct).ConfigureAwait(false);
                if (woke == lost)
                {
                    throw new InvalidOperationException(await lost.ConfigureAwait(false));
                }

                continue;
            }

            foreach (var row in rows)
            {
                await drain.Slots.WaitAsync(ct).ConfigureAwait(false);
                if (lost.IsCompleted)
                {
                    throw new InvalidOperationException(await lost.ConfigureAwait(false));
                }

                var ack = client.PublishAsync(ToMessage(options, topics, row), ct);
                drain.InFlight.Writer.TryWrite(new PendingPublish(row.Sequence, row.Topic, ack));
                sentThrough = row.Sequence;
            }
        }
    }

    /// <summary>
    /// Takes PUBACKs in the order the publishes were sent, so what it hands the settler is always an
    /// acknowledged prefix. The first failure (a refusal or the lost connection) ends the session;
    /// everything from that row on is sent again on the next connection.
    /// </summary>
    private async Task AckAsync(DrainSession drain, CancellationTokenSource session)
    {
        var reader = drain.InFlight.Reader;
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            while (reader.TryRead(out var pending))
            {
                if (drain.Failure is not null)
                {
                    Observe(pending.Ack);
                    continue;
                }

                try
                {
                    var result = await pending.Ack.ConfigureAwait(false);
                    if (result.ReasonCode is not (MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers))
                    {
                        UplinkLog.PublishRefused(_log, pending.Sequence, pending.Topic, result.ReasonCode.ToString());
                        throw new InvalidOperationException("broker refused message " + pending.Sequence + ": " + result.ReasonCode);
                    }
                }
                catch (Exception ex)
                {
                    drain.Failure = ex;
                    await session.CancelAsync().ConfigureAwait(false);
                    continue;
                }

                Interlocked.Increment(ref _acknowledged);
                drain.Slots.Release();
                drain.Acknowledged.Writer.TryWrite(pending.Sequence);
            }
        }
    }

    /// <summary>
    /// Records the acknowledged prefix in the store, one small transaction at most every
    /// <see cref="MarkInterval"/> while a backlog drains (at once when caught up); the PUBACKs that
    /// arrive meanwhile collapse into that single commit. When the publisher has nothing left to
    /// send, acknowledged rows are deleted in chunks: deleting is the expensive part, and doing it
    /// while a backlog drains would halve the drain rate for no gain (the rows are never resent).
    /// </summary>
    private async Task SettleAsync(DrainSession drain)
    {
        var reader = drain.Acknowledged.Reader;
        long acknowledged = 0;
        long committed = 0;
        long? committedAt = null;
        var purged = false;
        while (true)
        {
            var idleChanged = drain.IdleChanged.Next;
            while (reader.TryRead(out var sequence))
            {
                acknowledged = Math.Max(acknowledged, sequence);
            }

            if (acknowledged > committed)
            {
                var wait = committedAt is { } at ? MarkInterval - _time.GetElapsedTime(at) : TimeSpan.Zero;
                if (wait > TimeSpan.Zero && !drain.CaughtUp && !reader.Completion.IsCompleted)
                {
                    await Task.WhenAny(Task.Delay(wait, _time), idleChanged).ConfigureAwait(false);
                    continue;
                }

                var through = acknowledged;
                try
                {
                    _outbox.AcknowledgeThrough(through);
                    committed = through;
                    purged = false;
                }
                catch (Exception ex) when (ex is LiteDB.LiteException or IOException)
                {
                    // The rows stay unacknowledged and are sent again on the next connection: a duplicate, never a loss.
                    UplinkLog.AcknowledgeFailed(_log, through, ex);
                    if (reader.Completion.IsCompleted)
                    {
                        return;
                    }
                }

                committedAt = _time.GetTimestamp();
                Progress.Fire();
                continue;
            }

            if (reader.Completion.IsCompleted)
            {
                return;
            }

            if (drain.PublisherIdle && !purged)
            {
                var deleted = 0;
                try
                {
                    deleted = _outbox.PurgeAcknowledged(PurgeBatch);
                }
                catch (Exception ex) when (ex is LiteDB.LiteException or IOException)
                {
                    UplinkLog.PurgeFailed(_log, ex);
                }

                purged = deleted == 0;
                Progress.Fire();
                continue;
            }

            await Task.WhenAny(reader.WaitToReadAsync().AsTask(), idleChanged).ConfigureAwait(false);
        }
    }

    private static void Observe(Task task) =>
        _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

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
        return builder.WithUplinkTls(options).Build();
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

    private readonly record struct PendingPublish(long Sequence, string Topic, Task<MqttClientPublishResult> Ack);

    /// <summary>The state one connection's publisher, acknowledger and deleter share.</summary>
    private sealed class DrainSession(int window) : IDisposable
    {
        public int Window { get; } = window;

        /// <summary>Free places in the window: taken before a publish, given back at its PUBACK.</summary>
        public SemaphoreSlim Slots { get; } = new(window, window);

        /// <summary>Publishes in the order they were sent; never holds more than the window.</summary>
        public Channel<PendingPublish> InFlight { get; } = Channel.CreateUnbounded<PendingPublish>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

        /// <summary>The newest acknowledged sequence; older values are dropped, the newest covers them.</summary>
        public Channel<long> Acknowledged { get; } = Channel.CreateBounded<long>(new BoundedChannelOptions(1)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.DropOldest,
        });

        private volatile Exception? _failure;
        private volatile bool _publisherIdle;

        /// <summary>True while the publisher has sent every row it could read and waits for more.</summary>
        public bool PublisherIdle
        {
            get => _publisherIdle;
            set => _publisherIdle = value;
        }

        /// <summary>Everything read has been sent and acknowledged: nothing to wait for before committing the mark.</summary>
        public bool CaughtUp => PublisherIdle && Slots.CurrentCount == Window;

        /// <summary>Fires when the publisher runs out of rows, so the settler can commit and purge.</summary>
        public Signal IdleChanged { get; } = new();

        /// <summary>Why the session ended: the first refused or failed publish.</summary>
        public Exception? Failure
        {
            get => _failure;
            set => _failure = value;
        }

        public void Dispose() => Slots.Dispose();
    }
}
