using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using EdgeCc.Agent.Audio;

namespace EdgeCc.Agent.Telephony;

/// <summary>
/// Writes a classic pcap (Ethernet, IPv4, UDP) of many concurrent G.711 calls for the
/// telephony benchmark: per call an INVITE/200/ACK with SDP, 20 ms PCMU packets in both
/// directions with a little loss and reordering, then a BYE. Deterministic for a seed.
/// </summary>
internal static class SyntheticCallPcap
{
    private const int EthernetHeader = 14;
    private const int Ipv4Header = 20;
    private const int UdpHeader = 8;
    private const int RtpHeader = 12;
    private const int SamplesPerPacket = 160;
    private static readonly long Start = new DateTime(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc).Ticks;

    /// <summary>Writes the capture; returns how many packets it holds.</summary>
    public static long Write(string path, int calls = 200, TimeSpan? duration = null, double loss = 0.005, double reorder = 0.002, int seed = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(calls, 1);
        var length = duration ?? TimeSpan.FromSeconds(60);
        var random = new Random(seed);
        var payloads = TonePayloads();
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var writer = new Writer(file);
        writer.GlobalHeader();

        var streams = new Stream[calls * 2];
        var stagger = TimeSpan.FromSeconds(1).Ticks / calls;
        for (var i = 0; i < calls; i++)
        {
            var caller = Address(10, 1, i);
            var callee = Address(10, 2, i);
            var callerPort = (ushort)(10000 + ((2 * i) % 40000));
            var calleePort = (ushort)(10000 + ((2 * i) % 40000));
            streams[2 * i] = new Stream(caller, callerPort, callee, calleePort, (uint)random.Next());
            streams[(2 * i) + 1] = new Stream(callee, calleePort, caller, callerPort, (uint)random.Next());
            var t = Start + (i * stagger);
            var callId = string.Create(CultureInfo.InvariantCulture, $"bench-{i}@10.1.0.1");
            writer.Udp(t, caller, 5060, callee, 5060, Sip("INVITE", callId, caller, callerPort, i, null));
            writer.Udp(t + TimeSpan.TicksPerMillisecond, callee, 5060, caller, 5060, Sip("200", callId, callee, calleePort, i, "t"));
            writer.Udp(t + (2 * TimeSpan.TicksPerMillisecond), caller, 5060, callee, 5060, Sip("ACK", callId, caller, callerPort, i, "t"));
        }

        var ticksPerPacket = TimeSpan.FromMilliseconds(20).Ticks;
        var packetsPerStream = (int)(length.Ticks / ticksPerPacket);
        var rtp = new byte[RtpHeader + SamplesPerPacket];
        for (var n = 0; n < packetsPerStream; n++)
        {
            for (var s = 0; s < streams.Length; s++)
            {
                var stream = streams[s];
                var t = Start + TimeSpan.TicksPerSecond + ((s / 2) * stagger) + (n * ticksPerPacket) + (s & 1) * 1000;
                if (stream.Pending >= 0)
                {
                    Emit(writer, stream, n, t, rtp, payloads);
                    Emit(writer, stream, stream.Pending, t + 10, rtp, payloads);
                    stream.Pending = -1;
                    continue;
                }

                var roll = random.NextDouble();
                if (roll < loss)
                {
                    continue;
                }

                // Never reorder the last packets: tshark counts "expected" up to the last sequence number
                // seen, RFC 3550 up to the highest, and the figures should be comparable.
                if (roll < loss + reorder && n + 2 < packetsPerStream)
                {
                    stream.Pending = n;
                    continue;
                }

                Emit(writer, stream, n, t, rtp, payloads);
            }
        }

        var end = Start + TimeSpan.TicksPerSecond + length.Ticks + TimeSpan.TicksPerSecond;
        for (var i = 0; i < calls; i++)
        {
            var caller = streams[2 * i];
            writer.Udp(end + (i * stagger), caller.Source, 5060, caller.Destination, 5060,
                Sip("BYE", string.Create(CultureInfo.InvariantCulture, $"bench-{i}@10.1.0.1"), caller.Source, caller.SourcePort, i, "t"));
        }

        file.Flush();
        return writer.Packets;
    }

    private static void Emit(Writer writer, Stream stream, int n, long ticks, byte[] rtp, byte[][] payloads)
    {
        rtp[0] = 0x80;
        rtp[1] = 0; // PCMU
        BinaryPrimitives.WriteUInt16BigEndian(rtp.AsSpan(2), (ushort)(stream.FirstSequence + n));
        BinaryPrimitives.WriteUInt32BigEndian(rtp.AsSpan(4), stream.FirstTimestamp + (uint)(n * SamplesPerPacket));
        BinaryPrimitives.WriteUInt32BigEndian(rtp.AsSpan(8), stream.Ssrc);
        payloads[n % payloads.Length].CopyTo(rtp, RtpHeader);
        writer.Udp(ticks, stream.Source, stream.SourcePort, stream.Destination, stream.DestinationPort, rtp);
    }

    private static byte[][] TonePayloads()
    {
        // 8 packets of a 400 Hz tone: a whole number of cycles, so consecutive packets join smoothly.
        var frames = new byte[8][];
        var pcm = new short[SamplesPerPacket];
        for (var f = 0; f < frames.Length; f++)
        {
            for (var i = 0; i < pcm.Length; i++)
            {
                pcm[i] = (short)(8000 * Math.Sin(2 * Math.PI * 400 * ((f * SamplesPerPacket) + i) / 8000.0));
            }

            frames[f] = new byte[SamplesPerPacket];
            G711.LinearToMuLaw(pcm, frames[f]);
        }

        return frames;
    }

    private static uint Address(int a, int b, int index) => (uint)((a << 24) | (b << 16) | (((index / 250) & 0xFF) << 8) | ((index % 250) + 1));

    private static string Dotted(uint address) => string.Create(CultureInfo.InvariantCulture, $"{address >> 24}.{(address >> 16) & 0xFF}.{(address >> 8) & 0xFF}.{address & 0xFF}");

    private static byte[] Sip(string kind, string callId, uint address, ushort rtpPort, int index, string? toTag)
    {
        var ip = Dotted(address);
        var sdp = kind is "INVITE" or "200"
            ? string.Create(CultureInfo.InvariantCulture, $"v=0\r\no=- {index} 1 IN IP4 {ip}\r\ns=-\r\nc=IN IP4 {ip}\r\nt=0 0\r\nm=audio {rtpPort} RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=ptime:20\r\na=sendrecv\r\n")
            : string.Empty;
        var method = kind == "200" ? "INVITE" : kind;
        var start = kind == "200" ? "SIP/2.0 200 OK" : $"{kind} sip:agent{index}@pbx.example SIP/2.0";
        var cseq = kind == "BYE" ? 2 : 1;
        var text = new StringBuilder()
            .Append(start).Append("\r\n")
            .Append("Via: SIP/2.0/UDP ").Append(ip).Append(";branch=z9hG4bK").Append(kind).Append(index.ToString(CultureInfo.InvariantCulture)).Append("\r\n")
            .Append("From: <sip:customer").Append(index.ToString(CultureInfo.InvariantCulture)).Append("@pbx.example>;tag=f").Append("\r\n")
            .Append("To: <sip:agent").Append(index.ToString(CultureInfo.InvariantCulture)).Append("@pbx.example>").Append(toTag is null ? string.Empty : ";tag=" + toTag).Append("\r\n")
            .Append("Call-ID: ").Append(callId).Append("\r\n")
            .Append("CSeq: ").Append(cseq.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(method == "ACK" ? "ACK" : method).Append("\r\n")
            .Append(sdp.Length > 0 ? "Content-Type: application/sdp\r\n" : string.Empty)
            .Append("Content-Length: ").Append(sdp.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n")
            .Append(sdp);
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private sealed class Stream(uint source, ushort sourcePort, uint destination, ushort destinationPort, uint seed)
    {
        public uint Source { get; } = source;

        public ushort SourcePort { get; } = sourcePort;

        public uint Destination { get; } = destination;

        public ushort DestinationPort { get; } = destinationPort;

        public uint Ssrc { get; } = seed;

        public ushort FirstSequence { get; } = (ushort)(seed >> 7);

        public uint FirstTimestamp { get; } = seed * 2654435761u;

        public int Pending { get; set; } = -1;
    }

    private sealed class Writer(FileStream file)
    {
        private readonly byte[] _buffer = new byte[16 + 65_535];

        public long Packets { get; private set; }

        public void GlobalHeader()
        {
            // pcap file header: magic, v2.4, no zone, no sigfigs, snaplen, LINKTYPE_ETHERNET.
            Span<byte> header = stackalloc byte[24];
            BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B2C3D4);
            BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
            BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
            BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65_535);
            BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1);
            file.Write(header);
        }

        public void Udp(long ticks, uint source, ushort sourcePort, uint destination, ushort destinationPort, ReadOnlySpan<byte> payload)
        {
            var frameLength = EthernetHeader + Ipv4Header + UdpHeader + payload.Length;
            var span = _buffer.AsSpan(0, 16 + frameLength);
            span.Clear();
            var unix = ticks - DateTime.UnixEpoch.Ticks;
            BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)(unix / TimeSpan.TicksPerSecond));
            BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(unix % TimeSpan.TicksPerSecond / TimeSpan.TicksPerMicrosecond));
            BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)frameLength);
            BinaryPrimitives.WriteUInt32LittleEndian(span[12..], (uint)frameLength);
            var frame = span[16..];
            frame[0] = 0x02;
            frame[6] = 0x02;
            frame[11] = 1;
            BinaryPrimitives.WriteUInt16BigEndian(frame[12..], 0x0800);
            var ip = frame[EthernetHeader..];
            ip[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(Ipv4Header + UdpHeader + payload.Length));
            ip[8] = 64;
            ip[9] = 17;
            BinaryPrimitives.WriteUInt32BigEndian(ip[12..], source);
            BinaryPrimitives.WriteUInt32BigEndian(ip[16..], destination);
            var sum = 0u;
            for (var i = 0; i < Ipv4Header; i += 2)
            {
                sum += BinaryPrimitives.ReadUInt16BigEndian(ip[i..]);
            }

            sum = (sum & 0xFFFF) + (sum >> 16);
            sum = (sum & 0xFFFF) + (sum >> 16);
            BinaryPrimitives.WriteUInt16BigEndian(ip[10..], (ushort)~sum);
            var udp = ip[Ipv4Header..];
            BinaryPrimitives.WriteUInt16BigEndian(udp, sourcePort);
            BinaryPrimitives.WriteUInt16BigEndian(udp[2..], destinationPort);
            BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(UdpHeader + payload.Length));
            payload.CopyTo(udp[UdpHeader..]);
            file.Write(span);
            Packets++;
        }
    }
}
