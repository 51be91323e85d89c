using EdgeCc.Agent.Capture;

namespace EdgeCc.Agent.Telephony;

/// <summary>
/// Rebuilds the byte stream of each TCP flow carrying SIP and cuts it into messages by
/// Content-Length (RFC 3261 §18.3): several messages per segment and messages split over
/// segments both work. Retransmitted bytes are dropped, a small number of out-of-order
/// segments is held, and a gap that does not fill resynchronises at the next start line.
/// </summary>
internal sealed class SipStreamReassembler
{
    private const byte Fin = 0x01;
    private const byte Syn = 0x02;
    private const byte Rst = 0x04;
    private const int MaxOutOfOrder = 16;

    private readonly Dictionary<(NetEndpoint Source, NetEndpoint Destination), Flow> _flows = [];
    private readonly TelephonyCounters _counters;
    private readonly int _maxFlows;
    private readonly long _idleTicks;

    public SipStreamReassembler(TelephonyCounters counters, int maxFlows = 4096, TimeSpan? idle = null)
    {
        _counters = counters;
        _maxFlows = maxFlows;
        _idleTicks = (idle ?? TimeSpan.FromMinutes(10)).Ticks;
    }

    public int FlowCount => _flows.Count;

    public bool Knows(NetEndpoint source, NetEndpoint destination) => _flows.ContainsKey((source, destination));

    /// <summary>Adds one segment; complete messages are appended to <paramref name="messages"/>, parse failures to <paramref name="failures"/>.</summary>
    public void Add(in DecodedPacket packet, List<SipMessage> messages, List<SipParseResult> failures)
    {
        var key = (packet.SourceEndpoint, packet.DestinationEndpoint);
        var flags = packet.TcpFlags;
        var payload = packet.Payload;
        if (!_flows.TryGetValue(key, out var flow))
        {
            if (payload.IsEmpty && (flags & Syn) == 0)
            {
                return;
            }

            if (_flows.Count >= _maxFlows)
            {
                EvictIdle(packet.TimestampTicks, force: true);
            }

            flow = new Flow();
            _flows[key] = flow;
        }

        flow.LastTicks = packet.TimestampTicks;
        if ((flags & Syn) != 0)
        {
            flow.Reset(packet.TcpSequence + 1);
            return;
        }

        if (!payload.IsEmpty)
        {
            Accept(flow, packet.TcpSequence, payload, messages, failures);
        }

        if ((flags & (Fin | Rst)) != 0)
        {
            _flows.Remove(key);
        }
    }

    /// <summary>Forgets flows idle for longer than the idle timeout at packet time <paramref name="ticks"/>.</summary>
    public void EvictIdle(long ticks, bool force = false)
    {
        List<(NetEndpoint, NetEndpoint)>? stale = null;
        (NetEndpoint, NetEndpoint)? oldestKey = null;
        long oldest = long.MaxValue;
        foreach (var (key, flow) in _flows)
        {
            if (ticks - flow.LastTicks > _idleTicks)
            {
                (stale ??= []).Add(key);
            }

            if (flow.LastTicks < oldest)
            {
                oldest = flow.LastTicks;
                oldestKey = key;
            }
        }

        if (stale is null && force && oldestKey is { } only)
        {
            stale = [only];
        }

        if (stale is not null)
        {
            foreach (var key in stale)
            {
                _flows.Remove(key);
                _counters.Add(TelephonyIssue.TcpFlowsEvicted);
            }
        }
    }

    private void Accept(Flow flow, uint sequence, ReadOnlySpan<byte> payload, List<SipMessage> messages, List<SipParseResult> failures)
    {
        if (!flow.Synced)
        {
            flow.Reset(sequence);
        }

        var offset = (int)(sequence - flow.NextSequence);
        if (offset < 0)
        {
            if (offset + payload.Length <= 0)
            {
                _counters.Add(TelephonyIssue.TcpRetransmission);
                return;
            }

            payload = payload[-offset..];
            offset = 0;
        }

        if (offset > 0)
        {
            if (flow.OutOfOrder.Count < MaxOutOfOrder)
            {
                flow.OutOfOrder.Add((sequence, payload.ToArray()));
                return;
            }

            // The gap never filled: give up on the missing bytes and resynchronise.
            _counters.Add(TelephonyIssue.TcpGap);
            flow.Reset(sequence);
        }

        flow.Append(payload);
        flow.NextSequence += (uint)payload.Length;
        DrainOutOfOrder(flow);
        Cut(flow, messages, failures);
    }

    private void DrainOutOfOrder(Flow flow)
    {
        var progressed = true;
        while (progressed && flow.OutOfOrder.Count > 0)
        {
            progressed = false;
            for (var i = 0; i < flow.OutOfOrder.Count; i++)
            {
                var (sequence, data) = flow.OutOfOrder[i];
                var offset = (int)(sequence - flow.NextSequence);
                if (offset > 0)
                {
                    continue;
                }

                flow.OutOfOrder.RemoveAt(i);
                if (offset + data.Length > 0)
                {
                    flow.Append(data.AsSpan(-offset));
                    flow.NextSequence += (uint)(data.Length + offset);
                }
                else
                {
                    _counters.Add(TelephonyIssue.TcpRetransmission);
                }

                progressed = true;
                break;
            }
        }
    }

    private static void Cut(Flow flow, List<SipMessage> messages, List<SipParseResult> failures)
    {
        while (flow.Length > 0)
        {
            var result = SipParser.Parse(flow.Buffer.AsSpan(0, flow.Length), stream: true, out var message, out var consumed);
            if (result == SipParseResult.Ok)
            {
                messages.Add(message!);
            }
            else if (result != SipParseResult.Incomplete)
            {
                failures.Add(result);
                consumed = Math.Max(consumed, 1);
            }

            flow.Consume(Math.Min(consumed, flow.Length));
            if (result == SipParseResult.Incomplete)
            {
                if (flow.Length > SipParser.MaxMessage)
                {
                    failures.Add(SipParseResult.TooLarge);
                    flow.Consume(flow.Length);
                }

                return;
            }
        }
    }

    private sealed class Flow
    {
        public byte[] Buffer { get; private set; } = new byte[2048];

        public int Length { get; private set; }

        public uint NextSequence { get; set; }

        public bool Synced { get; private set; }

        public long LastTicks { get; set; }

        public List<(uint Sequence, byte[] Data)> OutOfOrder { get; } = [];

        public void Reset(uint next)
        {
            NextSequence = next;
            Synced = true;
            Length = 0;
            OutOfOrder.Clear();
        }

        public void Append(ReadOnlySpan<byte> data)
        {
            if (Length + data.Length > Buffer.Length)
            {
                var grown = new byte[Math.Max(Buffer.Length * 2, Length + data.Length)];
                Buffer.AsSpan(0, Length).CopyTo(grown);
                Buffer = grown;
            }

            data.CopyTo(Buffer.AsSpan(Length));
            Length += data.Length;
        }

        public void Consume(int count)
        {
            if (count <= 0)
            {
                return;
            }

            Buffer.AsSpan(count, Length - count).CopyTo(Buffer);
            Length -= count;
        }
    }
}
