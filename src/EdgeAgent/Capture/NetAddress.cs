using System.Buffers.Binary;
using System.Net;

namespace EdgeCc.Agent.Capture;

/// <summary>
/// An IPv4 or IPv6 address held in two words so that flow keys compare and hash without
/// allocating; IPv4 is kept in its IPv4-mapped IPv6 form (RFC 4291 §2.5.5.2).
/// </summary>
internal readonly record struct NetAddress(ulong High, ulong Low)
{
    private const ulong V4MappedPrefix = 0x0000_FFFF_0000_0000UL;

    public static NetAddress Any { get; } = default;

    public bool IsV4 => High == 0 && (Low & 0xFFFF_FFFF_0000_0000UL) == V4MappedPrefix;

    /// <summary>0.0.0.0 or :: — SDP's old way of saying "on hold" (RFC 3264 §8.4).</summary>
    public bool IsUnspecified => (High == 0 && Low == 0) || (High == 0 && Low == V4MappedPrefix);

    public static NetAddress FromV4(ReadOnlySpan<byte> four) =>
        new(0, V4MappedPrefix | BinaryPrimitives.ReadUInt32BigEndian(four));

    public static NetAddress FromV4(uint address) => new(0, V4MappedPrefix | address);

    public static NetAddress FromV6(ReadOnlySpan<byte> sixteen) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(sixteen), BinaryPrimitives.ReadUInt64BigEndian(sixteen[8..]));

    public static NetAddress From(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.TryWriteBytes(bytes, out var written) && written == 4)
        {
            return FromV4(bytes[..4]);
        }

        return FromV6(bytes);
    }

    public static bool TryParse(ReadOnlySpan<char> text, out NetAddress address)
    {
        if (IPAddress.TryParse(text, out var ip))
        {
            address = From(ip);
            return true;
        }

        address = default;
        return false;
    }

    public IPAddress ToIPAddress()
    {
        if (IsV4)
        {
            Span<byte> four = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(four, (uint)Low);
            return new IPAddress(four);
        }

        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, High);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], Low);
        return new IPAddress(bytes);
    }

    /// <summary>True when the first <paramref name="prefixLength"/> bits (of the IPv6 form) match.</summary>
    public bool InPrefix(NetAddress network, int prefixLength)
    {
        if (prefixLength <= 0)
        {
            return true;
        }

        if (prefixLength >= 128)
        {
            return this == network;
        }

        if (prefixLength <= 64)
        {
            var mask = ulong.MaxValue << (64 - prefixLength);
            return (High & mask) == (network.High & mask);
        }

        var lowMask = ulong.MaxValue << (128 - prefixLength);
        return High == network.High && (Low & lowMask) == (network.Low & lowMask);
    }

    public override string ToString() => ToIPAddress().ToString();
}
