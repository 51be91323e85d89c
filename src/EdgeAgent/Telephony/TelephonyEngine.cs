using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Capture;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeCc.Agent.Telephony;

/// <summary>
/// The telephony stage for decoded packets: SIP (UDP and reassembled TCP) goes to the call
/// tracker, RTP is matched to calls by SDP address, by symmetric source, or learnt when the
/// signalling was never seen, then buffered, decoded and emitted as audio frames. Everything
/// it produces lands in <see cref="Output"/>, in order, for the caller to hand to a sink.
/// Single-threaded: one engine per capture thread.
/// </summary>
internal sealed class TelephonyEngine
{
    private const int MaxProbation = 8192;
    private const int MinUnsignalledPort = 1024;
    private const int MaxFinishedReports = 10_000;
    private static readonly long FlowSweepTicks = TimeSpan.FromMinutes(1).Ticks;

    private readonly TelephonyOptions _options;
    private readonly CaptureOptions _capture;
    private readonly ILogger _logger;
    private readonly SipStreamReassembler _tcp;
    private readonly Dictionary<(NetEndpoint Source, NetEndpoint Destination, uint Ssrc), RtpStream> _streams = [];
    private readonly Dictionary<(NetEndpoint Source, NetEndpoint Destination), Probation> _probation = [];
    private readonly List<StreamReport> _finished = [];
    private readonly List<SipMessage> _messages = [];
    private readonly List<SipParseResult> _failures = [];
    private readonly HashSet<int> _sipPorts;
    private long _currentTicks;
    private Probation? _confirmed;
    private long _lastFlowSweep;

    public TelephonyEngine(TelephonyOptions options, CaptureOptions? capture = null, ILogger? logger = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _capture = capture ?? new CaptureOptions();
        _logger = logger ?? NullLogger.Instance;
        _sipPorts = [.. _capture.SipPorts];
        _tcp = new SipStreamReassembler(Counters);
        Tracker = new CallTracker(options, new AgentDirectory(options.Agents), Counters, Output, FinishStreams);
    }

    /// <summary>Call inputs produced so far; the owner drains (and clears) it after each packet.</summary>
    public List<CallInput> Output { get; } = [];

    public TelephonyCounters Counters { get; } = new();

    public CallTracker Tracker { get; }

    public long SipMessages { get; private set; }

    public long RtpPackets { get; private set; }

    public long RtcpPackets { get; private set; }

    public void Process(in DecodedPacket packet)
    {
        var ticks = packet.TimestampTicks;
        Tracker.Advance(ticks);
        if (ticks - _lastFlowSweep > FlowSweepTicks)
        {
            _lastFlowSweep = ticks;
            _tcp.EvictIdle(ticks);
        }

        if (packet.Transport == TransportKind.Tcp)
        {
            ProcessTcp(packet);
            return;
        }

        var payload = packet.Payload;
        if (SipSniffer.LooksLikeSip(payload))
        {
            var result = SipParser.Parse(payload, stream: false, out var message, out _);
            if (result == SipParseResult.Ok)
            {
                SipMessages++;
                Tracker.OnSip(message!, packet.SourceEndpoint, packet.DestinationEndpoint, ticks);
            }
            else
            {
                Count(TelephonyCounters.FromSip(result)!.Value);
            }

            return;
        }

        if (_sipPorts.Contains(packet.SourcePort) || _sipPorts.Contains(packet.DestinationPort))
        {
            if (payload.Length > 4)
            {
                Count(TelephonyIssue.SipNotSip); // CRLF keep-alives (RFC 5626) are 2-4 bytes and not worth a count
            }

            return;
        }

        ProcessRtp(packet);
    }

    /// <summary>Runs the call timers without a packet (a quiet live capture), at <paramref name="ticks"/>.</summary>
    public void Advance(long ticks) => Tracker.Advance(ticks);

    /// <summary>Ends every open call (end of a capture file, service stop) after flushing its audio.</summary>
    public void Finish(long ticks, string reason) => Tracker.EndAll(ticks, reason);

    /// <summary>Quality of every stream heard: finished ones first, then those still running.</summary>
    public IReadOnlyList<StreamReport> Reports()
    {
        var list = new List<StreamReport>(_finished);
        foreach (var stream in _streams.Values)
        {
            list.Add(stream.Report());
        }

        return list;
    }

    private void ProcessTcp(in DecodedPacket packet)
    {
        // Other TCP on the mirror port (web, databases) never reaches the SIP reassembler: a flow is
        // followed when it uses a SIP port or when one of its segments starts like a SIP message.
        var sipPort = _sipPorts.Contains(packet.SourcePort) || _sipPorts.Contains(packet.DestinationPort);
        if (!sipPort && !_tcp.Knows(packet.SourceEndpoint, packet.DestinationEndpoint) && !SipSniffer.LooksLikeSip(packet.Payload))
        {
            return;
        }

        _messages.Clear();
        _failures.Clear();
        _tcp.Add(packet, _messages, _failures);
        foreach (var failure in _failures)
        {
            Count(TelephonyCounters.FromSip(failure)!.Value);
        }

        foreach (var message in _messages)
        {
            SipMessages++;
            Tracker.OnSip(message, packet.SourceEndpoint, packet.DestinationEndpoint, packet.TimestampTicks);
        }
    }

    private void ProcessRtp(in DecodedPacket packet)
    {
        var parsed = RtpPacket.TryParse(packet.Payload, out var rtp);
        if (parsed != RtpParseResult.Ok)
        {
            if (parsed == RtpParseResult.Rtcp)
            {
                RtcpPackets++;
            }
            else
            {
                Count(parsed is RtpParseResult.NotVersion2 or RtpParseResult.TooShort ? TelephonyIssue.UdpNotRtp : TelephonyIssue.RtpBadHeader);
            }

            return;
        }

        var ticks = packet.TimestampTicks;
        var key = (packet.SourceEndpoint, packet.DestinationEndpoint, rtp.Ssrc);
        if (!_streams.TryGetValue(key, out var stream))
        {
            _currentTicks = ticks;
            _confirmed = null;
            stream = OpenStream(packet, rtp);
            if (stream is null)
            {
                return;
            }

            if (_confirmed is { } first && RtpPacket.TryParse(first.Packet, out var firstRtp) == RtpParseResult.Ok)
            {
                // The packet that started probation belongs to the stream too (tshark counts it).
                RtpPackets++;
                stream.Process(firstRtp, first.Ticks, Output);
                _confirmed = null;
            }
        }

        RtpPackets++;
        stream.Call.LastActivityTicks = ticks;
        stream.Process(rtp, ticks, Output);
    }

    private RtpStream? OpenStream(in DecodedPacket packet, in RtpPacket rtp)
    {
        var source = packet.SourceEndpoint;
        var destination = packet.DestinationEndpoint;
        var route = Tracker.TryRoute(source, destination, out var call, out var callerSends);
        if (route == RouteResult.CallEnded)
        {
            Count(TelephonyIssue.RtpAfterCallEnded);
            return null;
        }

        if (route == RouteResult.Unknown)
        {
            if (!_options.LearnUnsignalledStreams || !Eligible(source.Port, destination.Port) || !PassesProbation(source, destination, rtp, packet.Payload))
            {
                Count(TelephonyIssue.RtpUnmatched);
                return null;
            }

            call = Tracker.StartUnsignalled(source, destination, packet.TimestampTicks);
            callerSends = true;
            if (Tracker.TryRoute(source, destination, out var routed, out var sends) == RouteResult.Routed && ReferenceEquals(routed, call))
            {
                callerSends = sends;
            }
        }

        if (route == RouteResult.Routed && _probation.Remove((source, destination), out var waiting) && waiting.Ssrc == rtp.Ssrc)
        {
            _confirmed = waiting; // its first packet arrived before the call knew this address
        }

        // A new SSRC between the same addresses replaces the old source (RFC 3550 §8.2).
        foreach (var previous in call!.Streams)
        {
            if (previous.Source == source && previous.Destination == destination && _streams.ContainsKey((source, destination, previous.Ssrc)))
            {
                Count(TelephonyIssue.RtpSsrcChange);
                previous.Flush(Output);
                break;
            }
        }

        var stream = new RtpStream(call, call.LegOf(callerSends), source, destination, rtp.Ssrc, Counters, _options.JitterBufferMilliseconds);
        _streams[(source, destination, rtp.Ssrc)] = stream;
        call.Streams.Add(stream);
        return stream;
    }

    private bool Eligible(ushort sourcePort, ushort destinationPort)
    {
        if (_sipPorts.Contains(sourcePort) || _sipPorts.Contains(destinationPort))
        {
            return false;
        }

        if (InRange(sourcePort) || InRange(destinationPort))
        {
            return true;
        }

        // Outside the configured range, RTP's even-port convention (RFC 3550 §11) keeps DNS, NTP and RTCP out.
        return sourcePort >= MinUnsignalledPort && destinationPort >= MinUnsignalledPort && (sourcePort & 1) == 0 && (destinationPort & 1) == 0;
    }

    private bool InRange(ushort port) => port >= _capture.RtpPortMin && port <= _capture.RtpPortMax;

    /// <summary>Two packets in sequence with one SSRC before a stream without signalling is believed (RFC 3550 A.1 probation).</summary>
    private bool PassesProbation(NetEndpoint source, NetEndpoint destination, in RtpPacket rtp, ReadOnlySpan<byte> packetBytes)
    {
        var key = (source, destination);
        if (_probation.TryGetValue(key, out var seen) && seen.Ssrc == rtp.Ssrc && (ushort)(seen.Sequence + 1) == rtp.Sequence)
        {
            _probation.Remove(key);
            _confirmed = seen;
            return true;
        }

        if (_probation.Count >= MaxProbation)
        {
            _probation.Clear();
        }

        _probation[key] = new Probation(rtp.Ssrc, rtp.Sequence, packetBytes.ToArray(), _currentTicks);
        return false;
    }

    private List<StreamReport> FinishStreams(TrackedCall call)
    {
        var reports = new List<StreamReport>(call.Streams.Count);
        foreach (var stream in call.Streams)
        {
            if (_streams.Remove((stream.Source, stream.Destination, stream.Ssrc)))
            {
                stream.Flush(Output);

                // A live capture runs for months: keep the most recent reports only.
                if (_finished.Count >= MaxFinishedReports)
                {
                    _finished.RemoveRange(0, MaxFinishedReports / 10);
                }

                var report = stream.Report();
                _finished.Add(report);
                reports.Add(report);
            }
        }

        return reports;
    }

    private sealed record Probation(uint Ssrc, ushort Sequence, byte[] Packet, long Ticks);

    private void Count(TelephonyIssue issue)
    {
        if (Counters.Add(issue))
        {
            TelephonyLog.FirstIssue(_logger, issue);
        }
    }
}
