using System.Buffers.Binary;
using EdgeCc.Agent.Capture;

namespace EdgeCc.Agent.Tests.Capture;

public sealed class FrameDecoderSyntheticTests
{
    private static readonly long T0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    [Fact]
    public void Qinq_tagged_ipv4_udp_is_decoded()
    {
        var frame = PacketBuilder.Ethernet(PacketBuilder.Ipv4Udp(0x0A000001, 0x0A000002, 5060, 5070, "hello"u8.ToArray()), 0x88A8, 0x8100);
        using var decoder = new FrameDecoder();

        var result = decoder.Decode(LinkKind.Ethernet, frame, T0, out var packet);

        Assert.Equal(DecodeResult.Ok, result);
        Assert.Equal("10.0.0.1", packet.Source.ToString());
        Assert.Equal(5070, packet.DestinationPort);
        Assert.Equal("hello"u8.ToArray(), packet.Payload.ToArray());
    }

    [Fact]
    public void Ipv4_fragments_out_of_order_are_reassembled()
    {
        var payload = new byte[3000];
        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)i;
        }

        var udp = PacketBuilder.Udp(4000, 5060, payload);
        var fragments = PacketBuilder.Ipv4Fragments(0x0A000001, 0x0A000002, 17, 77, udp, 1480);
        using var decoder = new FrameDecoder();

        Assert.Equal(DecodeResult.FragmentHeld, decoder.Decode(LinkKind.Raw, fragments[2], T0, out _));
        Assert.Equal(DecodeResult.FragmentHeld, decoder.Decode(LinkKind.Raw, fragments[0], T0, out _));
        var result = decoder.Decode(LinkKind.Raw, fragments[1], T0, out var packet);

        Assert.Equal(DecodeResult.Ok, result);
        Assert.True(packet.Reassembled);
        Assert.Equal(payload, packet.Payload.ToArray());
        Assert.Equal(0, decoder.Fragments.PendingCount);
    }

    [Fact]
    public void Incomplete_fragments_expire_by_packet_time_and_are_counted()
    {
        var udp = PacketBuilder.Udp(4000, 5060, new byte[2000]);
        var fragments = PacketBuilder.Ipv4Fragments(0x0A000001, 0x0A000002, 17, 5, udp, 1480);
        using var decoder = new FrameDecoder(new FragmentReassembler(maxPending: 4, timeout: TimeSpan.FromSeconds(30)));

        decoder.Decode(LinkKind.Raw, fragments[0], T0, out _);
        decoder.Decode(LinkKind.Raw, PacketBuilder.Ipv4Udp(1, 2, 3, 4, [1]), T0 + TimeSpan.FromSeconds(31).Ticks, out _);
        decoder.Fragments.Expire(T0 + TimeSpan.FromSeconds(31).Ticks);

        Assert.Equal(0, decoder.Fragments.PendingCount);
        Assert.Equal(1, decoder.Fragments.Dropped);
    }

    [Fact]
    public void Fragment_memory_is_bounded_by_evicting_the_oldest_datagram()
    {
        using var decoder = new FrameDecoder(new FragmentReassembler(maxPending: 4));
        for (ushort id = 0; id < 10; id++)
        {
            var fragments = PacketBuilder.Ipv4Fragments(0x0A000001, 0x0A000002, 17, id, PacketBuilder.Udp(1, 2, new byte[2000]), 1480);
            decoder.Decode(LinkKind.Raw, fragments[0], T0, out _);
        }

        Assert.Equal(4, decoder.Fragments.PendingCount);
        Assert.Equal(6, decoder.Fragments.Dropped);
    }

    [Fact]
    public void Every_truncation_of_real_frames_is_counted_and_never_throws()
    {
        using var decoder = new FrameDecoder();
        var frames = new List<(LinkKind Link, byte[] Data)>();
        foreach (var file in new[] { "pcap/heplify/erspan_sip_ipv4_udp.pcapng", "pcap/sngrep/ipip.pcap", "pcap/sngrep/ipv6frag.pcap", "pcap/heplify/sip_ipv6_udp.pcap" })
        {
            using var source = new PcapFileSource(TestPaths.Shared(file));
            for (var n = 0; n < 6 && source.Read(out var frame) == PacketReadStatus.Packet; n++)
            {
                frames.Add((source.Link, frame.Data.ToArray()));
            }
        }

        long decoded = 0;
        foreach (var (link, data) in frames)
        {
            for (var length = 0; length < data.Length; length++)
            {
                decoder.Decode(link, data.AsSpan(0, length), T0, out _);
                decoded++;
            }
        }

        Assert.Equal(decoded, decoder.Counters.Total);
        Assert.True(decoder.Counters[DecodeResult.TruncatedLink] > 0);
        Assert.True(decoder.Counters[DecodeResult.TruncatedIp] > 0);
    }

    [Fact]
    public void Random_bytes_are_counted_by_kind_and_never_throw()
    {
        var random = new Random(1234);
        using var decoder = new FrameDecoder();
        var buffer = new byte[1600];
        for (var i = 0; i < 20_000; i++)
        {
            var length = random.Next(buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));
            if (i % 2 == 0 && length > 20)
            {
                buffer[12] = 0x08;
                buffer[13] = 0x00;
                buffer[14] = 0x45;
            }

            decoder.Decode((i % 3) switch { 0 => LinkKind.Ethernet, 1 => LinkKind.LinuxSll, _ => LinkKind.Raw }, buffer.AsSpan(0, length), T0 + i, out _);
        }

        Assert.Equal(20_000, decoder.Counters.Total);
        Assert.True(decoder.Fragments.PendingCount <= decoder.Fragments.MaxPending);
    }

    [Fact]
    public void Unknown_link_type_is_counted()
    {
        using var decoder = new FrameDecoder();

        Assert.Equal(DecodeResult.UnsupportedLinkType, decoder.Decode((LinkKind)147, [1, 2, 3], T0, out _));
        Assert.Equal(1, decoder.Counters[DecodeResult.UnsupportedLinkType]);
    }

    [Fact]
    public void Bad_udp_length_is_reported_as_bad_header()
    {
        var packet = PacketBuilder.Ipv4Udp(1, 2, 3, 4, [1, 2, 3]);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(20 + 4), 3);
        using var decoder = new FrameDecoder();

        Assert.Equal(DecodeResult.BadTransportHeader, decoder.Decode(LinkKind.Raw, packet, T0, out _));
    }
}
