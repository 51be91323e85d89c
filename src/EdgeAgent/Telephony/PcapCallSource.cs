using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Capture;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Telephony;

/// <summary>
/// Plays a pcap/pcapng file through the telephony stage into an <see cref="ICallInputSink"/>:
/// as fast as possible, or paced by the capture timestamps (<c>realtime</c>) on the
/// <see cref="TimeProvider"/>. Calls still open at the end of the file end with "end-of-file".
/// </summary>
internal sealed class PcapCallSource
{
    private readonly TelephonyOptions _options;
    private readonly CaptureOptions _capture;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public PcapCallSource(IOptions<TelephonyOptions> options, IOptions<CaptureOptions> capture, TimeProvider time, ILogger<PcapCallSource>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(capture);
        _options = options.Value;
        _capture = capture.Value;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The result of the last completed <see cref="RunAsync"/>.</summary>
    public ReplaySummary? LastRun { get; private set; }

    /// <summary>Per-stream quality of the last completed run.</summary>
    public IReadOnlyList<StreamReport> Reports => LastRun?.Streams ?? [];

    public async Task RunAsync(string path, ICallInputSink sink, bool realtime, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sink);
        using var source = new PcapFileSource(path);
        using var decoder = new FrameDecoder();
        var engine = new TelephonyEngine(_options, _capture, _logger);
        var frame = new byte[source.Link == LinkKind.Ethernet ? 65_536 : 262_144];
        long frames = 0;
        long firstTicks = -1;
        long lastTicks = 0;
        var started = _time.GetTimestamp();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var status = ReadInto(source, frame, out var length, out var ticks);
            if (status != PacketReadStatus.Packet)
            {
                break;
            }

            frames++;
            if (firstTicks < 0)
            {
                firstTicks = ticks;
            }

            if (realtime)
            {
                var due = TimeSpan.FromTicks(ticks - firstTicks) - _time.GetElapsedTime(started);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, _time, ct).ConfigureAwait(false);
                }
            }

            lastTicks = Math.Max(lastTicks, ticks);
            Process(decoder, engine, source.Link, frame.AsSpan(0, length), ticks);
            await DrainAsync(engine, sink, ct).ConfigureAwait(false);
        }

        engine.Finish(lastTicks, "end-of-file");
        await DrainAsync(engine, sink, ct).ConfigureAwait(false);
        LastRun = new ReplaySummary(frames, engine.Tracker.CallsStarted, engine.SipMessages, engine.RtpPackets, engine.RtcpPackets,
            decoder.Counters.Snapshot(), engine.Counters.Snapshot(), engine.Reports());
        TelephonyLog.ReplayFinished(_logger, path, engine.Tracker.CallsStarted, engine.SipMessages, engine.RtpPackets);
    }

    private static PacketReadStatus ReadInto(PcapFileSource source, byte[] buffer, out int length, out long ticks)
    {
        var status = source.Read(out var frame);
        if (status != PacketReadStatus.Packet)
        {
            length = 0;
            ticks = 0;
            return status;
        }

        length = Math.Min(frame.Data.Length, buffer.Length);
        frame.Data[..length].CopyTo(buffer);
        ticks = frame.TimestampTicks;
        return status;
    }

    private void Process(FrameDecoder decoder, TelephonyEngine engine, LinkKind link, ReadOnlySpan<byte> frame, long ticks)
    {
        var result = decoder.Decode(link, frame, ticks, out var packet);
        if (result == DecodeResult.Ok)
        {
            engine.Process(packet);
        }
        else if (result != DecodeResult.FragmentHeld && decoder.Counters[result] == 1)
        {
            TelephonyLog.FirstDecodeIssue(_logger, result);
        }
    }

    private static async ValueTask DrainAsync(TelephonyEngine engine, ICallInputSink sink, CancellationToken ct)
    {
        var output = engine.Output;
        if (output.Count == 0)
        {
            return;
        }

        foreach (var input in output)
        {
            await sink.WriteAsync(input, ct).ConfigureAwait(false);
        }

        output.Clear();
    }
}
