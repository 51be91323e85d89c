using System.Buffers.Binary;

namespace EdgeCc.Agent.Telephony;

/// <summary>An RTP packet header and its payload (RFC 3550 §5.1), read in place.</summary>
internal readonly ref struct RtpPacket
{
    private const int FixedHeader = 12;

    private RtpPacket(bool marker, byte payloadType, ushort sequence, uint timestamp, uint ssrc, ReadOnlySpan<byte> payload)
    {
        Marker = marker;
        PayloadType = payloadType;
        Sequence = sequence;
        Timestamp = timestamp;
        Ssrc = ssrc;
        Payload = payload;
    }

    public bool Marker { get; }

    public byte PayloadType { get; }

    public ushort Sequence { get; }

    public uint Timestamp { get; }

    public uint Ssrc { get; }

    public ReadOnlySpan<byte> Payload { get; }

    public static RtpParseResult TryParse(ReadOnlySpan<byte> data, out RtpPacket packet)
    {
        packet = default;
        if (data.Length < FixedHeader)
        {
            return RtpParseResult.TooShort;
        }

        var first = data[0];
        if ((first >> 6) != 2)
        {
            return RtpParseResult.NotVersion2;
        }

        var payloadType = (byte)(data[1] & 0x7F);

        // RTCP packet types 200-204 land on 72-76 once the marker bit is masked (RFC 5761 §4).
        if (payloadType is >= 72 and <= 76)
        {
            return RtpParseResult.Rtcp;
        }

        var offset = FixedHeader + ((first & 0x0F) * 4);
        if (data.Length < offset)
        {
            return RtpParseResult.BadCsrcCount;
        }

        if ((first & 0x10) != 0)
        {
            // Header extension: 16-bit profile, 16-bit length in 32-bit words (§5.3.1).
            if (data.Length < offset + 4)
            {
                return RtpParseResult.BadExtension;
            }

            offset += 4 + (BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 2)..]) * 4);
            if (data.Length < offset)
            {
                return RtpParseResult.BadExtension;
            }
        }

        var end = data.Length;
        if ((first & 0x20) != 0)
        {
            var padding = data[^1];
            if (padding == 0 || end - padding < offset)
            {
                return RtpParseResult.BadPadding;
            }

            end -= padding;
        }

        packet = new RtpPacket(
            (data[1] & 0x80) != 0,
            payloadType,
            BinaryPrimitives.ReadUInt16BigEndian(data[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[8..]),
            data[offset..end]);
        return RtpParseResult.Ok;
    }
}
