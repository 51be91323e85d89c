using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgeCc.Agent.Capture;
using EdgeCc.Agent.Telephony;

namespace EdgeCc.Agent.Tests.Capture;

/// <summary>Real libpcap on the loopback interface (needs root or CAP_NET_RAW, as the service does).</summary>
public sealed class LivePcapSourceTests
{
    [Fact]
    public void Sip_sent_over_loopback_is_captured_decoded_and_starts_a_call()
    {
        var options = new CaptureOptions { Interface = "lo", SipPorts = [5099], ReadTimeoutMilliseconds = 100 };
        using var source = new LivePcapSource(options);
        using var decoder = new FrameDecoder();
        var engine = new TelephonyEngine(new TelephonyOptions(), options);
        using var client = new UdpClient(AddressFamily.InterNetwork);
        var invite = "INVITE sip:2001@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5098;branch=z9hG4bK1\r\nFrom: <sip:1001@127.0.0.1>;tag=a\r\n" +
                     "To: <sip:2001@127.0.0.1>\r\nCall-ID: live-1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
        client.Send(Encoding.ASCII.GetBytes(invite), new IPEndPoint(IPAddress.Loopback, 5099));

        // Bounded by reads, not by time: the datagram is already in the kernel's buffer.
        for (var reads = 0; reads < 50 && engine.Tracker.CallsStarted == 0; reads++)
        {
            if (source.Read(out var frame) == PacketReadStatus.Packet
                && decoder.Decode(source.Link, frame.Data, frame.TimestampTicks, out var packet) == DecodeResult.Ok)
            {
                engine.Process(packet);
            }
        }

        Assert.Equal(LinkKind.Ethernet, source.Link);
        Assert.NotNull(engine.Tracker.Find("live-1"));
        Assert.True(source.Statistics.Received >= 1);
        Assert.Equal(0, source.Statistics.DroppedByKernel);
    }

    [Fact]
    public void Unknown_interface_is_reported_with_its_key()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new LivePcapSource(new CaptureOptions { Interface = "nosuch0" }));

        Assert.Contains("Capture:Interface 'nosuch0'", error.Message, StringComparison.Ordinal);
    }
}
