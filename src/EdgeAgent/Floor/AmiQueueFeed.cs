using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Floor;

/// <summary>
/// Asterisk Manager Interface client feeding the <see cref="QueueBoard"/>: logs in, follows queue
/// events (QueueCallerJoin/Leave/Abandon, AgentConnect, QueueMember*; the pre-12 Join/Leave names
/// too), asks for QueueStatus and QueueSummary at connect and every <see cref="AmiOptions.PollSeconds"/>
/// to correct what events missed, and reconnects with jittered exponential backoff on the
/// <see cref="TimeProvider"/>. The secret and caller numbers are never logged.
/// </summary>
internal sealed class AmiQueueFeed : BackgroundService
{
    private readonly AmiOptions _options;
    private readonly QueueBoard _board;
    private readonly TimeProvider _time;
    private readonly ILogger<AmiQueueFeed> _logger;
    private readonly Func<double> _jitter;
    private readonly Lock _writeGate = new();
    private long _actions;
    private long _sessions;
    private long _failures;
    private long _events;

    public AmiQueueFeed(IOptions<FloorOptions> options, QueueBoard board, TimeProvider time, ILogger<AmiQueueFeed> logger)
        : this(options, board, time, logger, Random.Shared.NextDouble)
    {
    }

    internal AmiQueueFeed(IOptions<FloorOptions> options, QueueBoard board, TimeProvider time, ILogger<AmiQueueFeed> logger, Func<double> jitter)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value.Ami;
        _board = board;
        _time = time;
        _logger = logger;
        _jitter = jitter;
    }

    /// <summary>Raised before each reconnect wait with its length (tests advance a fake clock on it).</summary>
    public event Action<TimeSpan>? ReconnectScheduled;

    /// <summary>Raised after each logged-in session's first poll was sent.</summary>
    public event Action? LoggedIn;

    public long Sessions => Interlocked.Read(ref _sessions);

    public long Failures => Interlocked.Read(ref _failures);

    public long EventsHandled => Interlocked.Read(ref _events);

    public bool Connected { get; private set; }

    /// <summary>
    /// "Equal jitter": half the exponential delay is fixed, half random, so a site's boxes do not
    /// reconnect in lockstep after an Asterisk restart, and no wait is ever near zero.
    /// </summary>
    public static TimeSpan Backoff(int attempt, double minSeconds, double maxSeconds, double unitRandom)
    {
        var exponential = Math.Min(maxSeconds, minSeconds * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromSeconds((exponential / 2) + (exponential / 2 * unitRandom));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        var attempt = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunSessionAsync(stoppingToken).ConfigureAwait(false))
                {
                    attempt = 0;
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or AmiException or ObjectDisposedException)
            {
                Interlocked.Increment(ref _failures);
                FloorLog.AmiSessionFailed(_logger, _options.Host, _options.Port, ex.Message);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            finally
            {
                Connected = false;
            }

            var delay = Backoff(attempt++, _options.ReconnectMinSeconds, _options.ReconnectMaxSeconds, _jitter());
            FloorLog.AmiReconnecting(_logger, delay.TotalSeconds);
            // The timer exists before anyone hears of it, so a listener that advances the clock at once is not lost.
            var wait = Task.Delay(delay, _time, stoppingToken);
            ReconnectScheduled?.Invoke(delay);
            try
            {
                await wait.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One connection; returns true when it logged in (so the next backoff starts small again).</summary>
    private async Task<bool> RunSessionAsync(CancellationToken stoppingToken)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_options.Host, _options.Port, stoppingToken).ConfigureAwait(false);
        var stream = tcp.GetStream();
        using var reader = new AmiReader(stream);
        var version = await reader.ReadBannerAsync(stoppingToken).ConfigureAwait(false)
            ?? throw new AmiException("the peer sent no 'Asterisk Call Manager' banner");

        var loginId = await SendAsync(stream, "Login", [("Username", _options.Username), ("Secret", _options.Secret), ("Events", "call,agent")], stoppingToken).ConfigureAwait(false);
        while (true)
        {
            var reply = await reader.ReadAsync(stoppingToken).ConfigureAwait(false) ?? throw new AmiException("connection closed before the login answer");
            if (reply.Response is null || (reply.ActionId is { } id && id != loginId))
            {
                continue;
            }

            if (!string.Equals(reply.Response, "Success", StringComparison.OrdinalIgnoreCase))
            {
                throw new AmiException("login refused: " + (reply["Message"] ?? reply.Response));
            }

            break;
        }

        Interlocked.Increment(ref _sessions);
        Connected = true;
        FloorLog.AmiConnected(_logger, _options.Host, _options.Port, version);
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var poll = PollAsync(stream, session.Token);
        try
        {
            while (await reader.ReadAsync(stoppingToken).ConfigureAwait(false) is { } message)
            {
                Handle(message);
            }
        }
        finally
        {
            await session.CancelAsync().ConfigureAwait(false);
            try
            {
                await poll.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
            {
                // The session is over either way; the read loop's end is what is reported.
            }
        }

        FloorLog.AmiClosed(_logger, _options.Host, _options.Port, reader.MalformedLines);
        return true;
    }

    private async Task PollAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.PollSeconds), _time);
        var first = true;
        do
        {
            await SendAsync(stream, "QueueStatus", [], cancellationToken).ConfigureAwait(false);
            await SendAsync(stream, "QueueSummary", [], cancellationToken).ConfigureAwait(false);
            if (first)
            {
                first = false;
                LoggedIn?.Invoke();
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    private async Task<string> SendAsync(Stream stream, string action, (string Key, string Value)[] fields, CancellationToken cancellationToken)
    {
        var id = "edgecc-" + Interlocked.Increment(ref _actions).ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder().Append("Action: ").Append(action).Append("\r\nActionID: ").Append(id).Append("\r\n");
        foreach (var (key, value) in fields)
        {
            text.Append(key).Append(": ").Append(value).Append("\r\n");
        }

        var bytes = Encoding.UTF8.GetBytes(text.Append("\r\n").ToString());
        await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        return id;
    }

    internal void Handle(AmiMessage message)
    {
        var name = message.Event;
        var queue = message["Queue"];
        if (name is null || queue is null)
        {
            return;
        }

        var caller = message["Uniqueid"] ?? message["Channel"] ?? "";
        switch (name)
        {
            case "QueueCallerJoin" or "Join":
                _board.CallerJoined(queue, caller);
                break;
            case "QueueCallerLeave" or "Leave":
                _board.CallerLeft(queue, caller);
                break;
            case "QueueCallerAbandon":
                _board.CallerAbandoned(queue, caller);
                break;
            case "AgentConnect":
                _board.CallerAnswered(queue, caller, TimeSpan.FromSeconds(message.GetInt("HoldTime")));
                break;
            case "QueueMember" or "QueueMemberStatus" or "QueueMemberAdded" or "QueueMemberPaused":
                var member = message["MemberName"] ?? message["Name"] ?? message["Interface"] ?? message["Location"] ?? "";
                // Device state 1 is AST_DEVICE_NOT_INUSE: logged in, idle, reachable.
                var available = message.GetInt("Paused") == 0 && message.GetInt("Status", 1) == 1;
                _board.Member(queue, member, available);
                break;
            case "QueueMemberRemoved":
                _board.Member(queue, message["MemberName"] ?? message["Name"] ?? "", false);
                break;
            case "QueueSummary":
                _board.Summary(queue, message.GetInt("Available"), message.GetInt("Callers"), TimeSpan.FromSeconds(message.GetInt("LongestHoldTime")));
                break;
            case "QueueParams":
                _board.Totals(queue, message.GetInt("Completed"), message.GetInt("Abandoned"));
                break;
            default:
                return;
        }

        Interlocked.Increment(ref _events);
    }
}
