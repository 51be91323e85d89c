using System.Buffers.Binary;
using System.Net;
using System.Text;
using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Capture;
using EdgeCc.Agent.Telephony;

namespace EdgeCc.Agent.Tests.Telephony;

/// <summary>Drives a TelephonyEngine with hand-made SIP and RTP between a caller (10.0.0.10) and a callee (10.0.0.20), on packet time.</summary>
internal sealed class SipScenario
{
    public const string CallerIp = "10.0.0.10";
    public const string CalleeIp = "10.0.0.20";
    public const int CallerRtp = 16000;
    public const int CalleeRtp = 17000;

    public SipScenario(TelephonyOptions? options = null)
    {
        Engine = new TelephonyEngine(options ?? new TelephonyOptions());
    }

    public TelephonyEngine Engine { get; }

    public List<CallInput> Inputs { get; } = [];

    public long Ticks { get; set; } = new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc).Ticks;

    public void Advance(TimeSpan by)
    {
        Ticks += by.Ticks;
        Engine.Advance(Ticks);
        Collect();
    }

    public static string Sdp(string ip, int port, string direction = "sendrecv", string payloads = "0 8 101", string extra = "") =>
        $"v=0\r\no=- 1 1 IN IP4 {ip}\r\ns=-\r\nc=IN IP4 {ip}\r\nt=0 0\r\nm=audio {port} RTP/AVP {payloads}\r\na=rtpmap:101 telephone-event/8000\r\n{extra}a={direction}\r\n";

    public static string Request(string method, string callId, long cseq, string fromUser, string fromTag, string toUser, string? toTag, string? body = null, string extraHeaders = "") =>
        $"{method} sip:{toUser}@pbx.example SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK{cseq}{method}\r\n" +
        $"From: <sip:{fromUser}@pbx.example>;tag={fromTag}\r\nTo: <sip:{toUser}@pbx.example>{(toTag is null ? string.Empty : ";tag=" + toTag)}\r\n" +
        $"Call-ID: {callId}\r\nCSeq: {cseq} {method}\r\n{extraHeaders}" +
        (body is null ? "Content-Length: 0\r\n\r\n" : $"Content-Type: application/sdp\r\nContent-Length: {Encoding.ASCII.GetByteCount(body)}\r\n\r\n{body}");

    public static string Response(int status, string callId, long cseq, string method, string fromUser, string fromTag, string toUser, string toTag, string? body = null) =>
        $"SIP/2.0 {status} Reason\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK{cseq}{method}\r\n" +
        $"From: <sip:{fromUser}@pbx.example>;tag={fromTag}\r\nTo: <sip:{toUser}@pbx.example>;tag={toTag}\r\n" +
        $"Call-ID: {callId}\r\nCSeq: {cseq} {method}\r\n" +
        (body is null ? "Content-Length: 0\r\n\r\n" : $"Content-Type: application/sdp\r\nContent-Length: {Encoding.ASCII.GetByteCount(body)}\r\n\r\n{body}");

    public void Sip(string text, bool fromCaller = true) =>
        Udp(fromCaller ? CallerIp : CalleeIp, 5060, fromCaller ? CalleeIp : CallerIp, 5060, Encoding.ASCII.GetBytes(text));

    /// <summary>INVITE from 1001 to 2001, 180, 200 with SDP, ACK: an answered call "c1".</summary>
    public void AnsweredCall(string callId = "c1", string caller = "1001", string callee = "2001", int callerPort = CallerRtp, int calleePort = CalleeRtp)
    {
        Sip(Request("INVITE", callId, 1, caller, "ft", callee, null, Sdp(CallerIp, callerPort)));
        Sip(Response(180, callId, 1, "INVITE", caller, "ft", callee, "tt"), fromCaller: false);
        Sip(Response(200, callId, 1, "INVITE", caller, "ft", callee, "tt", Sdp(CalleeIp, calleePort)), fromCaller: false);
        Sip(Request("ACK", callId, 1, caller, "ft", callee, "tt"));
    }

    public static byte[] Rtp(byte payloadType, ushort sequence, uint timestamp, uint ssrc, int payloadLength = 160, byte fill = 0xFF)
    {
        var packet = new byte[12 + payloadLength];
        packet[0] = 0x80;
        packet[1] = payloadType;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
        packet.AsSpan(12).Fill(fill);
        return packet;
    }

    public void RtpFromCaller(byte[] packet) => Udp(CallerIp, CallerRtp, CalleeIp, CalleeRtp, packet);

    public void RtpFromCallee(byte[] packet) => Udp(CalleeIp, CalleeRtp, CallerIp, CallerRtp, packet);

    public void Udp(string source, int sourcePort, string destination, int destinationPort, byte[] payload)
    {
        var packet = new DecodedPacket
        {
            TimestampTicks = Ticks,
            Source = NetAddress.From(IPAddress.Parse(source)),
            Destination = NetAddress.From(IPAddress.Parse(destination)),
            SourcePort = (ushort)sourcePort,
            DestinationPort = (ushort)destinationPort,
            Transport = TransportKind.Udp,
            Payload = payload,
        };
        Engine.Process(packet);
        Collect();
    }

    public List<T> Events<T>()
        where T : CallEvent => Inputs.Where(i => i.Event is T).Select(i => (T)i.Event!).ToList();

    public List<EdgeCc.Agent.Audio.AudioFrame> Frames(EdgeCc.Agent.Audio.Leg leg) =>
        Inputs.Where(i => i.Frame is { } f && f.Leg == leg).Select(i => i.Frame!).ToList();

    private void Collect()
    {
        Inputs.AddRange(Engine.Output);
        Engine.Output.Clear();
    }
}
