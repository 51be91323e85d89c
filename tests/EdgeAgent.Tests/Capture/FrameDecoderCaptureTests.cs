using System.Text;
using EdgeCc.Agent.Capture;

namespace EdgeCc.Agent.Tests.Capture;

public sealed class FrameDecoderCaptureTests
{
    [Fact]
    public void Erspan_capture_yields_every_sip_datagram_from_inside_gre()
    {
        var all = CaptureFileHelper.DecodeAll("pcap/heplify/erspan_sip_ipv4_udp.pcapng");

        Assert.Equal(140, all.Count);
        Assert.All(all, d =>
        {
            Assert.Equal(DecodeResult.Ok, d.Result);
            Assert.True(d.Tunnelled);
            Assert.Equal(TransportKind.Udp, d.Transport);
        });
        Assert.Equal(140, all.Count(d => IsSip(d.Payload)));
    }

    [Fact]
    public void Ip_in_ip_capture_decodes_the_inner_tcp_segment()
    {
        var all = CaptureFileHelper.DecodeAll("pcap/sngrep/ipip.pcap");

        Assert.Equal(4, all.Count);
        Assert.All(all, d => Assert.Equal(DecodeResult.Ok, d.Result));
        Assert.Equal(2, all.Count(d => d.Tunnelled));
        Assert.All(all, d => Assert.Equal(TransportKind.Tcp, d.Transport));
        Assert.Contains(all, d => d.Tunnelled && Encoding.ASCII.GetString(d.Payload).StartsWith("SIP/2.0 183", StringComparison.Ordinal));
        Assert.Equal(621, all[1].Payload.Length);
    }

    [Fact]
    public void Ipv6_fragmented_udp_over_linux_sll_is_reassembled_into_one_sip_message()
    {
        var all = CaptureFileHelper.DecodeAll("pcap/sngrep/ipv6frag.pcap");

        var reassembled = all.Where(d => d.Reassembled).ToList();
        Assert.NotEmpty(reassembled);
        Assert.All(reassembled, d => Assert.True(IsSip(d.Payload)));
        Assert.Equal(all.Count - reassembled.Count, all.Count(d => d.Result is DecodeResult.FragmentHeld or DecodeResult.Ok && !d.Reassembled));
        Assert.DoesNotContain(all, d => d.Result is not (DecodeResult.Ok or DecodeResult.FragmentHeld));
        // tshark: 34 frames, 30 plain SIP datagrams and 2 SIP messages built from fragments.
        Assert.Equal(34, all.Count);
        Assert.Equal(32, all.Count(d => d.Result == DecodeResult.Ok && IsSip(d.Payload)));
        Assert.Equal(2, reassembled.Count);
    }

    [Fact]
    public void Ipv6_udp_capture_keeps_ipv6_addresses()
    {
        var all = CaptureFileHelper.DecodeAll("pcap/heplify/sip_ipv6_udp.pcap");

        Assert.Equal(6, all.Count);
        Assert.All(all, d =>
        {
            Assert.Equal(DecodeResult.Ok, d.Result);
            Assert.False(d.Source.Address.IsV4);
        });
    }

    [Fact]
    public void Linux_cooked_capture_decodes_udp_and_tcp()
    {
        var all = CaptureFileHelper.DecodeAll("pcap/heplify/sip_ipv4_tcp_retrans.pcap");

        Assert.Equal(196, all.Count);
        Assert.Contains(all, d => d.Result == DecodeResult.Ok && d.Transport == TransportKind.Udp);
        Assert.Contains(all, d => d.Result == DecodeResult.Ok && d.Transport == TransportKind.Tcp);
    }

    [Fact]
    public void Sctp_is_counted_as_unsupported_protocol_not_dropped_silently()
    {
        using var decoder = new FrameDecoder();
        var all = CaptureFileHelper.DecodeAll("pcap/heplify/sip_sctp.pcap", decoder);

        Assert.Equal(all.Count, decoder.Counters.Total);
        Assert.Equal(all.Count(d => d.Result == DecodeResult.UnsupportedIpProtocol), decoder.Counters[DecodeResult.UnsupportedIpProtocol]);
        Assert.True(decoder.Counters[DecodeResult.UnsupportedIpProtocol] >= 4);
    }

    [Fact]
    public void Default_bpf_filter_compiles_in_libpcap_and_passes_sip_and_rtp()
    {
        var options = new CaptureOptions();
        using var source = new PcapFileSource(TestPaths.Shared("pcap/heplify/rtp_rtcp_sip_ipv4_udp.pcap"), options.EffectiveFilter);
        var count = 0;
        while (source.Read(out _) == PacketReadStatus.Packet)
        {
            count++;
        }

        // 4269 frames in the file; the filter lets SIP (5060/5061 is outside the default list only for 5061) and RTP in the range through.
        Assert.InRange(count, 14, 4269);
    }

    private static bool IsSip(byte[] payload)
    {
        var text = Encoding.ASCII.GetString(payload, 0, Math.Min(payload.Length, 16));
        return text.StartsWith("SIP/2.0 ", StringComparison.Ordinal) || text.Contains(" sip:", StringComparison.Ordinal) || text.Contains(" sips:", StringComparison.Ordinal)
            || (text.Length > 3 && char.IsUpper(text[0]) && text.Contains(' ', StringComparison.Ordinal));
    }
}
