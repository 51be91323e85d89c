using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Capture;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Telephony;

/// <summary>
/// Live passive capture for the <c>run</c> verb: sniffs <see cref="CaptureOptions.Interface"/>
/// (a mirror port), feeds the telephony engine and writes call inputs to the sink. Does
/// nothing when no interface is configured. Call timers follow packet time, and the
/// <see cref="TimeProvider"/> while the wire is quiet.
/// </summary>
internal sealed class SipCaptureService : BackgroundService
{
    private readonly CaptureOptions _capture;
    private readonly TelephonyOptions _options;
    private readonly ICallInputSink _sink;
    private readonly TimeProvider _time;
    private readonly ILogger<SipCaptureService> _logger;
    private readonly Func<CaptureOptions, IPacketSource> _openSource;
    private readonly TaskCompletionSource _capturing = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile IReadOnlyList<StreamReport> _reports = [];

    public SipCaptureService(IOptions<CaptureOptions> capture, IOptions<TelephonyOptions> options, ICallInputSink sink, TimeProvider time, ILogger<SipCaptureService> logger)
        : this(capture, options, sink, time, logger, static o => new LivePcapSource(o))
    {
    }

    internal SipCaptureService(IOptions<CaptureOptions> capture, IOptions<TelephonyOptions> options, ICallInputSink sink, TimeProvider time, ILogger<SipCaptureService> logger, Func<CaptureOptions, IPacketSource> openSource)
    {
        ArgumentNullException.ThrowIfNull(capture);
        ArgumentNullException.ThrowIfNull(options);
        _capture = capture.Value;
        _options = options.Value;
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _openSource = openSource;
    }

    /// <summary>libpcap's counters from the last statistics read (null before the first, or for a file source).</summary>
    public CaptureStatistics? Statistics { get; private set; }

    public DecodeCounters? DecodeCounters { get; private set; }

    public TelephonyCounters? TelephonyCounters { get; private set; }

    /// <summary>Completes once the source is open and filtered, so nothing sent after it is missed; faults if it cannot open, never completes without an interface.</summary>
    public Task Capturing => _capturing.Task;

    /// <summary>Quality of every stream heard, set when the capture stops (empty before).</summary>
    public IReadOnlyList<StreamReport> Reports => _reports;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(_capture.Interface))
        {
            return;
        }

        var name = _capture.Interface;
        try
        {
            using var source = _openSource(_capture);
            using var decoder = new FrameDecoder();
            var engine = new TelephonyEngine(_options, _capture, _logger);
            DecodeCounters = decoder.Counters;
            TelephonyCounters = engine.Counters;
            TelephonyLog.CaptureStarted(_logger, name, _capture.EffectiveFilter);
            _capturing.TrySetResult();
            var nextStatistics = _time.GetUtcNow() + _capture.StatisticsInterval;
            while (!stoppingToken.IsCancellationRequested)
            {
                var status = Step(source, decoder, engine);
                if (status == PacketReadStatus.EndOfCapture || status == PacketReadStatus.Error)
                {
                    break;
                }

                await DrainAsync(engine, stoppingToken).ConfigureAwait(false);
                var now = _time.GetUtcNow();
                if (now >= nextStatistics)
                {
                    nextStatistics = now + _capture.StatisticsInterval;
                    ReadStatistics(source, name);
                }
            }

            engine.Finish(_time.GetUtcNow().UtcTicks, "stopped");
            _reports = engine.Reports();
            await DrainAsync(engine, CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _capturing.TrySetCanceled(stoppingToken);
        }
        catch (Exception ex) when (ex is SharpPcap.PcapException or InvalidOperationException or DllNotFoundException)
        {
            TelephonyLog.CaptureFailed(_logger, ex, name);
            _capturing.TrySetException(ex);
            throw;
        }
    }

    private PacketReadStatus Step(IPacketSource source, FrameDecoder decoder, TelephonyEngine engine)
    {
        var status = source.Read(out var frame);
        if (status == PacketReadStatus.Packet)
        {
            var result = decoder.Decode(source.Link, frame.Data, frame.TimestampTicks, out var packet);
            if (result == DecodeResult.Ok)
            {
                engine.Process(packet);
            }
            else if (result != DecodeResult.FragmentHeld && decoder.Counters[result] == 1)
            {
                TelephonyLog.FirstDecodeIssue(_logger, result);
            }
        }
        else if (status == PacketReadStatus.Timeout)
        {
            engine.Advance(_time.GetUtcNow().UtcTicks);
        }

        return status;
    }

    private void ReadStatistics(IPacketSource source, string name)
    {
        if (source is LivePcapSource live)
        {
            var statistics = live.Statistics;
            if (Statistics is null || statistics.DroppedByKernel != Statistics.DroppedByKernel || statistics.DroppedByInterface != Statistics.DroppedByInterface)
            {
                TelephonyLog.CaptureStatistics(_logger, name, statistics.Received, statistics.DroppedByKernel, statistics.DroppedByInterface);
            }

            Statistics = statistics;
        }
    }

    private async ValueTask DrainAsync(TelephonyEngine engine, CancellationToken ct)
    {
        var output = engine.Output;
        if (output.Count == 0)
        {
            return;
        }

        foreach (var input in output)
        {
            await _sink.WriteAsync(input, ct).ConfigureAwait(false);
        }

        output.Clear();
    }
}
