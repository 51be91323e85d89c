using System.Buffers.Binary;

namespace EdgeCc.Agent.Capture;

/// <summary>
/// Turns a captured frame into a UDP or TCP payload with its addresses: Ethernet, Linux
/// cooked (SLL, SLL2), 802.1Q/802.1ad tags, IPv4, IPv6 with extension headers, IP-in-IP,
/// GRE and ERSPAN, and IP fragments. One instance per capture thread; its state (the
/// fragment buffers and counters) is reused for every packet.
/// </summary>
internal sealed class FrameDecoder : IDisposable
{
    private const int EthernetHeader = 14;
    private const int EtherTypeOffset = 12;
    private const int VlanTag = 4;
    private const int SllHeader = 16;
    private const int SllProtocolOffset = 14;
    private const int Sll2Header = 20;
    private const int NullHeader = 4;
    private const int Ipv4MinHeader = 20;
    private const int Ipv6Header = 40;
    private const int UdpHeader = 8;
    private const int TcpMinHeader = 20;
    private const int GreMinHeader = 4;
    private const int ErspanIIHeader = 8;
    private const int ErspanIIIHeader = 12;
    private const int ErspanIIIPlatformHeader = 8;
    private const int MaxEncapsulations = 4;
    private const int MaxVlanTags = 3;
    private const int MaxIpv6ExtensionHeaders = 8;

    private const ushort EtherTypeIpv4 = 0x0800;
    private const ushort EtherTypeIpv6 = 0x86DD;
    private const ushort EtherTypeVlan = 0x8100;
    private const ushort EtherTypeQinQ = 0x88A8;
    private const ushort EtherTypeQinQLegacy = 0x9100;
    private const ushort EtherTypeTransparentBridging = 0x6558;
    private const ushort EtherTypeErspanII = 0x88BE;
    private const ushort EtherTypeErspanIII = 0x22EB;

    private const byte ProtoIpv4 = 4;
    private const byte ProtoTcp = 6;
    private const byte ProtoUdp = 17;
    private const byte ProtoIpv6 = 41;
    private const byte ProtoGre = 47;
    private const byte Ipv6HopByHop = 0;
    private const byte Ipv6Routing = 43;
    private const byte Ipv6Fragment = 44;
    private const byte Ipv6Auth = 51;
    private const byte Ipv6DestinationOptions = 60;
    private const byte Ipv6Mobility = 135;

    private readonly FragmentReassembler _fragments;
    private long _ticks;
    private bool _tunnelled;
    private bool _reassembled;

    public FrameDecoder(FragmentReassembler? fragments = null)
    {
        _fragments = fragments ?? new FragmentReassembler();
    }

    public DecodeCounters Counters { get; } = new();

    public FragmentReassembler Fragments => _fragments;

    public DecodeResult Decode(LinkKind link, ReadOnlySpan<byte> frame, long timestampTicks, out DecodedPacket packet)
    {
        packet = default;
        packet.TimestampTicks = timestampTicks;
        _ticks = timestampTicks;
        _tunnelled = false;
        _reassembled = false;
        var result = DecodeLink(link, frame, ref packet);
        Counters.Add(result);
        packet.Tunnelled = _tunnelled;
        packet.Reassembled = _reassembled;
        return result;
    }

    public void Dispose() => _fragments.Dispose();

    private DecodeResult DecodeLink(LinkKind link, ReadOnlySpan<byte> frame, ref DecodedPacket packet)
    {
        switch (link)
        {
            case LinkKind.Ethernet:
                return DecodeEthernet(frame, 0, ref packet);
            case LinkKind.LinuxSll:
                if (frame.Length < SllHeader)
                {
                    return DecodeResult.TruncatedLink;
                }

                return DecodeEtherType(BinaryPrimitives.ReadUInt16BigEndian(frame[SllProtocolOffset..]), frame[SllHeader..], 0, ref packet);
            case LinkKind.LinuxSll2:
                if (frame.Length < Sll2Header)
                {
                    return DecodeResult.TruncatedLink;
                }

                return DecodeEtherType(BinaryPrimitives.ReadUInt16BigEndian(frame), frame[Sll2Header..], 0, ref packet);
            case LinkKind.Raw:
                return DecodeRawIp(frame, 0, ref packet);
            case LinkKind.Null:
                return frame.Length < NullHeader ? DecodeResult.TruncatedLink : DecodeRawIp(frame[NullHeader..], 0, ref packet);
            default:
                return DecodeResult.UnsupportedLinkType;
        }
    }

    private DecodeResult DecodeRawIp(ReadOnlySpan<byte> data, int depth, ref DecodedPacket packet)
    {
        if (data.IsEmpty)
        {
            return DecodeResult.TruncatedIp;
        }

        return (data[0] >> 4) switch
        {
            4 => DecodeIpv4(data, depth, ref packet),
            6 => DecodeIpv6(data, depth, ref packet),
            _ => DecodeResult.BadIpHeader,
        };
    }

    private DecodeResult DecodeEthernet(ReadOnlySpan<byte> frame, int depth, ref DecodedPacket packet)
    {
        if (frame.Length < EthernetHeader)
        {
            return DecodeResult.TruncatedLink;
        }

        var etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[EtherTypeOffset..]);
        var offset = EthernetHeader;
        for (var tags = 0; etherType is EtherTypeVlan or EtherTypeQinQ or EtherTypeQinQLegacy; tags++)
        {
            if (tags == MaxVlanTags)
            {
                return DecodeResult.TooManyEncapsulations;
            }

            if (frame.Length < offset + VlanTag)
            {
                return DecodeResult.TruncatedLink;
            }

            // The tag is TCI (2 bytes) then the inner EtherType (IEEE 802.1Q §9.6).
            etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]);
            offset += VlanTag;
        }

        return DecodeEtherType(etherType, frame[offset..], depth, ref packet);
    }

    private DecodeResult DecodeEtherType(ushort etherType, ReadOnlySpan<byte> data, int depth, ref DecodedPacket packet) => etherType switch
    {
        EtherTypeIpv4 => DecodeIpv4(data, depth, ref packet),
        EtherTypeIpv6 => DecodeIpv6(data, depth, ref packet),
        _ => DecodeResult.UnsupportedEtherType,
    };

    private DecodeResult DecodeIpv4(ReadOnlySpan<byte> data, int depth, ref DecodedPacket packet)
    {
        if (data.Length < Ipv4MinHeader)
        {
            return DecodeResult.TruncatedIp;
        }

        var headerLength = (data[0] & 0x0F) * 4;
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        if ((data[0] >> 4) != 4 || headerLength < Ipv4MinHeader || totalLength < headerLength)
        {
            return DecodeResult.BadIpHeader;
        }

        if (data.Length < totalLength)
        {
            return DecodeResult.TruncatedIp;
        }

        packet.Source = NetAddress.FromV4(data[12..]);
        packet.Destination = NetAddress.FromV4(data[16..]);
        var protocol = data[9];
        var payload = data[headerLength..totalLength];

        // Flags and fragment offset share one word: MF is 0x2000, the offset counts 8-byte units (RFC 791 §3.1).
        var fragmentWord = BinaryPrimitives.ReadUInt16BigEndian(data[6..]);
        var more = (fragmentWord & 0x2000) != 0;
        var fragmentOffset = (fragmentWord & 0x1FFF) * 8;
        if (more || fragmentOffset != 0)
        {
            var key = new FragmentKey(packet.Source, packet.Destination, BinaryPrimitives.ReadUInt16BigEndian(data[4..]), protocol);
            switch (_fragments.Add(key, fragmentOffset, more, payload, _ticks, out var whole))
            {
                case FragmentOutcome.Held:
                    return DecodeResult.FragmentHeld;
                case FragmentOutcome.Dropped:
                    return DecodeResult.FragmentDropped;
                default:
                    _reassembled = true;
                    payload = whole;
                    break;
            }
        }

        return DecodeIpPayload(protocol, payload, depth, ref packet);
    }

    private DecodeResult DecodeIpv6(ReadOnlySpan<byte> data, int depth, ref DecodedPacket packet)
    {
        if (data.Length < Ipv6Header)
        {
            return DecodeResult.TruncatedIp;
        }

        if ((data[0] >> 4) != 6)
        {
            return DecodeResult.BadIpHeader;
        }

        var payloadLength = BinaryPrimitives.ReadUInt16BigEndian(data[4..]);
        if (data.Length < Ipv6Header + payloadLength)
        {
            return DecodeResult.TruncatedIp;
        }

        packet.Source = NetAddress.FromV6(data[8..]);
        packet.Destination = NetAddress.FromV6(data[24..]);
        var next = data[6];
        var rest = payloadLength == 0 ? data[Ipv6Header..] : data.Slice(Ipv6Header, payloadLength);
        for (var count = 0; ; count++)
        {
            if (count == MaxIpv6ExtensionHeaders)
            {
                return DecodeResult.TooManyEncapsulations;
            }

            int length;
            switch (next)
            {
                case Ipv6HopByHop or Ipv6Routing or Ipv6DestinationOptions or Ipv6Mobility:
                    if (rest.Length < 8)
                    {
                        return DecodeResult.TruncatedIp;
                    }

                    length = (rest[1] + 1) * 8;
                    break;
                case Ipv6Auth:
                    if (rest.Length < 8)
                    {
                        return DecodeResult.TruncatedIp;
                    }

                    length = (rest[1] + 2) * 4; // AH counts 4-byte words minus 2 (RFC 4302 §2.2)
                    break;
                case Ipv6Fragment:
                    return DecodeIpv6Fragment(rest, depth, ref packet);
                default:
                    return DecodeIpPayload(next, rest, depth, ref packet);
            }

            if (rest.Length < length)
            {
                return DecodeResult.TruncatedIp;
            }

            next = rest[0];
            rest = rest[length..];
        }
    }

    private DecodeResult DecodeIpv6Fragment(ReadOnlySpan<byte> rest, int depth, ref DecodedPacket packet)
    {
        const int FragmentHeader = 8;
        if (rest.Length < FragmentHeader)
        {
            return DecodeResult.TruncatedIp;
        }

        var next = rest[0];
        var word = BinaryPrimitives.ReadUInt16BigEndian(rest[2..]);
        var offset = word & 0xFFF8; // offset in 8-byte units sits in the top 13 bits (RFC 8200 §4.5)
        var more = (word & 1) != 0;
        var payload = rest[FragmentHeader..];
        if (offset == 0 && !more)
        {
            return DecodeIpPayload(next, payload, depth, ref packet); // atomic fragment (RFC 6946)
        }

        var key = new FragmentKey(packet.Source, packet.Destination, BinaryPrimitives.ReadUInt32BigEndian(rest[4..]), next);
        switch (_fragments.Add(key, offset, more, payload, _ticks, out var whole))
        {
            case FragmentOutcome.Held:
                return DecodeResult.FragmentHeld;
            case FragmentOutcome.Dropped:
                return DecodeResult.FragmentDropped;
            default:
                _reassembled = true;
                return DecodeIpPayload(next, whole, depth, ref packet);
        }
    }

    private DecodeResult DecodeIpPayload(byte protocol, ReadOnlySpan<byte> data, int depth, ref DecodedPacket packet)
    {
        switch (protocol)
        {
            case ProtoUdp:
                return DecodeUdp(data, ref packet);
            case ProtoTcp:
                return DecodeTcp(data, ref packet);
            case ProtoIpv4:
            case ProtoIpv6:
            case ProtoGre:
                if (depth + 1 >= MaxEncapsulations)
                {
                    return DecodeResult.TooManyEncapsulations;
                }

                _tunnelled = true;
                return protocol switch
                {
                    ProtoIpv4 => DecodeIpv4(data, depth + 1, ref packet),
                    ProtoIpv6 => DecodeIpv6(data, depth + 1, ref packet),
                    _ => DecodeGre(data, depth + 1, ref packet),
                };
            default:
                return DecodeResult.UnsupportedIpProtocol;
        }
    }

    private DecodeResult DecodeGre(ReadOnlySpan<byte> data, int depth, ref DecodedPacket packet)
    {
        if (data.Length < GreMinHeader)
        {
            return DecodeResult.TruncatedTunnel;
        }

        // RFC 2784/2890: C, R, K, S flag bits, version in the low 3 bits.
        var flags = BinaryPrimitives.ReadUInt16BigEndian(data);
        var protocol = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        if ((flags & 0x0007) != 0 || (flags & 0x4000) != 0)
        {
            return DecodeResult.UnsupportedTunnel;
        }

        var offset = GreMinHeader;
        var hasSequence = (flags & 0x1000) != 0;
        if ((flags & 0x8000) != 0)
        {
            offset += 4;
        }

        if ((flags & 0x2000) != 0)
        {
            offset += 4;
        }

        if (hasSequence)
        {
            offset += 4;
        }

        if (data.Length < offset)
        {
            return DecodeResult.TruncatedTunnel;
        }

        var inner = data[offset..];
        switch (protocol)
        {
            case EtherTypeTransparentBridging:
                return DecodeEthernet(inner, depth, ref packet);
            case EtherTypeErspanII:
                // ERSPAN type I has no header and no GRE sequence number; type II has both.
                if (!hasSequence)
                {
                    return DecodeEthernet(inner, depth, ref packet);
                }

                return inner.Length < ErspanIIHeader ? DecodeResult.TruncatedTunnel : DecodeEthernet(inner[ErspanIIHeader..], depth, ref packet);
            case EtherTypeErspanIII:
                if (inner.Length < ErspanIIIHeader)
                {
                    return DecodeResult.TruncatedTunnel;
                }

                // The O bit (last bit of the fixed header) announces an 8-byte platform sub-header.
                var headerLength = (inner[ErspanIIIHeader - 1] & 1) != 0 ? ErspanIIIHeader + ErspanIIIPlatformHeader : ErspanIIIHeader;
                return inner.Length < headerLength ? DecodeResult.TruncatedTunnel : DecodeEthernet(inner[headerLength..], depth, ref packet);
            case EtherTypeIpv4:
                return DecodeIpv4(inner, depth, ref packet);
            case EtherTypeIpv6:
                return DecodeIpv6(inner, depth, ref packet);
            default:
                return DecodeResult.UnsupportedTunnel;
        }
    }

    private static DecodeResult DecodeUdp(ReadOnlySpan<byte> data, ref DecodedPacket packet)
    {
        if (data.Length < UdpHeader)
        {
            return DecodeResult.TruncatedTransport;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(data[4..]);
        if (length != 0 && length < UdpHeader)
        {
            return DecodeResult.BadTransportHeader;
        }

        if (length > data.Length)
        {
            return DecodeResult.TruncatedTransport;
        }

        packet.Transport = TransportKind.Udp;
        packet.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(data);
        packet.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        packet.Payload = length == 0 ? data[UdpHeader..] : data[UdpHeader..length];
        return DecodeResult.Ok;
    }

    private static DecodeResult DecodeTcp(ReadOnlySpan<byte> data, ref DecodedPacket packet)
    {
        if (data.Length < TcpMinHeader)
        {
            return DecodeResult.TruncatedTransport;
        }

        var headerLength = (data[12] >> 4) * 4;
        if (headerLength < TcpMinHeader)
        {
            return DecodeResult.BadTransportHeader;
        }

        if (headerLength > data.Length)
        {
            return DecodeResult.TruncatedTransport;
        }

        packet.Transport = TransportKind.Tcp;
        packet.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(data);
        packet.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        packet.TcpSequence = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        packet.TcpFlags = data[13];
        packet.Payload = data[headerLength..];
        return DecodeResult.Ok;
    }
}
