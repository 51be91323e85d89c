using System.Buffers.Binary;

namespace EdgeCc.Agent.Tests.Capture;

/// <summary>Builds frames byte by byte for decoder tests.</summary>
internal static class PacketBuilder
{
    public static byte[] Udp(ushort sourcePort, ushort destinationPort, byte[] payload)
    {
        var udp = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(udp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)udp.Length);
        payload.CopyTo(udp, 8);
        return udp;
    }

    public static byte[] Ipv4(uint source, uint destination, byte protocol, ushort id, int fragmentWord, ReadOnlySpan<byte> payload)
    {
        var ip = new byte[20 + payload.Length];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(2), (ushort)ip.Length);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(4), id);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(6), (ushort)fragmentWord);
        ip[8] = 64;
        ip[9] = protocol;
        BinaryPrimitives.WriteUInt32BigEndian(ip.AsSpan(12), source);
        BinaryPrimitives.WriteUInt32BigEndian(ip.AsSpan(16), destination);
        payload.CopyTo(ip.AsSpan(20));
        return ip;
    }

    public static byte[] Ipv4Udp(uint source, uint destination, ushort sourcePort, ushort destinationPort, byte[] payload) =>
        Ipv4(source, destination, 17, 1, 0, Udp(sourcePort, destinationPort, payload));

    public static List<byte[]> Ipv4Fragments(uint source, uint destination, byte protocol, ushort id, byte[] upper, int fragmentSize)
    {
        var list = new List<byte[]>();
        for (var offset = 0; offset < upper.Length; offset += fragmentSize)
        {
            var length = Math.Min(fragmentSize, upper.Length - offset);
            var more = offset + length < upper.Length;
            list.Add(Ipv4(source, destination, protocol, id, (more ? 0x2000 : 0) | (offset / 8), upper.AsSpan(offset, length)));
        }

        return list;
    }

    public static byte[] Ethernet(byte[] ipv4, params ushort[] tags)
    {
        var frame = new byte[14 + (tags.Length * 4) + ipv4.Length];
        var offset = 12;
        foreach (var tag in tags)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset), tag);
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset + 2), 100);
            offset += 4;
        }

        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset), 0x0800);
        ipv4.CopyTo(frame, offset + 2);
        return frame;
    }
}
