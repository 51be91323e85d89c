using System.Buffers.Binary;
using System.Text;

namespace EdgeCc.Agent.Tests.Audio;

/// <summary>Builds RIFF/WAVE files chunk by chunk, including broken ones, for reader tests.</summary>
internal sealed class RiffBuilder
{
    private readonly MemoryStream _body = new();

    public static byte[] Fmt(ushort tag, ushort channels, uint sampleRate, ushort bits, ushort? blockAlign = null)
    {
        var align = blockAlign ?? (ushort)(channels * bits / 8);
        var fmt = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(2), channels);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(4), sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(8), sampleRate * align);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(12), align);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(14), bits);
        return fmt;
    }

    /// <summary>WAVE_FORMAT_EXTENSIBLE with a sub-format GUID {subTag-0000-0010-8000-00AA00389B71} unless one is given.</summary>
    public static byte[] ExtensibleFmt(ushort subTag, ushort channels, uint sampleRate, ushort bits, Guid? subFormat = null)
    {
        var fmt = new byte[40];
        Fmt(0xFFFE, channels, sampleRate, bits).CopyTo(fmt, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(16), 22);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(18), bits);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(20), channels == 2 ? 0x3u : 0x4u);
        var guid = subFormat ?? new Guid(subTag, 0x0000, 0x0010, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71);
        guid.TryWriteBytes(fmt.AsSpan(24));
        return fmt;
    }

    public static byte[] Pcm16(params short[] interleaved)
    {
        var bytes = new byte[interleaved.Length * 2];
        for (var i = 0; i < interleaved.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), interleaved[i]);
        }

        return bytes;
    }

    /// <summary>A chunk with its real size, padded to an even length.</summary>
    public RiffBuilder Chunk(string id, byte[] payload) => Chunk(id, payload, (uint)payload.Length);

    /// <summary>A chunk whose size field says <paramref name="declaredSize"/> whatever the payload is.</summary>
    public RiffBuilder Chunk(string id, byte[] payload, uint declaredSize, bool pad = true)
    {
        _body.Write(Encoding.ASCII.GetBytes(id));
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, declaredSize);
        _body.Write(size);
        _body.Write(payload);
        if (pad && (payload.Length & 1) != 0)
        {
            _body.WriteByte(0);
        }

        return this;
    }

    public RiffBuilder Raw(byte[] bytes)
    {
        _body.Write(bytes);
        return this;
    }

    public byte[] Build(string riff = "RIFF", string wave = "WAVE")
    {
        var body = _body.ToArray();
        var file = new byte[12 + body.Length];
        Encoding.ASCII.GetBytes(riff).CopyTo(file, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), (uint)(4 + body.Length));
        Encoding.ASCII.GetBytes(wave).CopyTo(file, 8);
        body.CopyTo(file, 12);
        return file;
    }
}
