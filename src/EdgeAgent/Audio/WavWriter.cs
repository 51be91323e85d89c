using System.Buffers;
using System.Buffers.Binary;

namespace EdgeCc.Agent.Audio;

/// <summary>
/// Writes PCM16, μ-law or A-law WAV files from PCM16 channels (0 = agent, 1 = customer). Non-PCM
/// files get an 18-byte fmt chunk and a fact chunk, as the RIFF spec asks of compressed formats.
/// </summary>
internal static class WavWriter
{
    private const int BlockFrames = 4096;

    public static void Write(string path, int sampleRate, WavEncoding encoding, params short[][] channels)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Validate(sampleRate, encoding, channels);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024);
        Write(stream, sampleRate, encoding, channels);
    }

    public static void Write(Stream stream, int sampleRate, WavEncoding encoding, params short[][] channels)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Validate(sampleRate, encoding, channels);

        var frames = channels[0].Length;
        var bytesPerSample = encoding == WavEncoding.Pcm16 ? 2 : 1;
        var blockAlign = channels.Length * bytesPerSample;
        var dataBytes = (long)frames * blockAlign;
        var pcm = encoding == WavEncoding.Pcm16;
        var fmtSize = pcm ? 16 : 18;
        var factSize = pcm ? 0 : 12;
        var riffSize = 4 + (8 + fmtSize) + factSize + 8 + dataBytes + (dataBytes & 1);
        if (riffSize > uint.MaxValue)
        {
            throw new ArgumentException($"{frames} frames of {blockAlign} bytes do not fit in a WAV file (4 GiB).", nameof(channels));
        }

        Span<byte> header = stackalloc byte[12 + 8 + 18 + 12 + 8];
        var h = header;
        "RIFF"u8.CopyTo(h);
        BinaryPrimitives.WriteUInt32LittleEndian(h[4..], (uint)riffSize);
        "WAVE"u8.CopyTo(h[8..]);
        "fmt "u8.CopyTo(h[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], (uint)fmtSize);
        var tag = encoding switch
        {
            WavEncoding.MuLaw => (ushort)0x0007,
            WavEncoding.ALaw => (ushort)0x0006,
            _ => (ushort)0x0001,
        };
        BinaryPrimitives.WriteUInt16LittleEndian(h[20..], tag);
        BinaryPrimitives.WriteUInt16LittleEndian(h[22..], (ushort)channels.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(h[24..], (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(h[28..], (uint)(sampleRate * blockAlign));
        BinaryPrimitives.WriteUInt16LittleEndian(h[32..], (ushort)blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(h[34..], (ushort)(bytesPerSample * 8));
        var at = 36;
        if (!pcm)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(h[at..], 0); // cbSize
            at += 2;
            "fact"u8.CopyTo(h[at..]);
            BinaryPrimitives.WriteUInt32LittleEndian(h[(at + 4)..], 4);
            BinaryPrimitives.WriteUInt32LittleEndian(h[(at + 8)..], (uint)frames);
            at += 12;
        }

        "data"u8.CopyTo(h[at..]);
        BinaryPrimitives.WriteUInt32LittleEndian(h[(at + 4)..], (uint)dataBytes);
        at += 8;
        stream.Write(header[..at]);

        var buffer = ArrayPool<byte>.Shared.Rent(BlockFrames * blockAlign);
        try
        {
            for (var start = 0; start < frames; start += BlockFrames)
            {
                var count = Math.Min(BlockFrames, frames - start);
                var block = buffer.AsSpan(0, count * blockAlign);
                Interleave(channels, start, count, encoding, block);
                stream.Write(block);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if ((dataBytes & 1) != 0)
        {
            stream.WriteByte(0);
        }

        stream.Flush();
    }

    private static void Interleave(short[][] channels, int start, int count, WavEncoding encoding, Span<byte> block)
    {
        var n = channels.Length;
        for (var c = 0; c < n; c++)
        {
            var source = channels[c].AsSpan(start, count);
            for (var f = 0; f < count; f++)
            {
                var index = (f * n) + c;
                switch (encoding)
                {
                    case WavEncoding.Pcm16:
                        BinaryPrimitives.WriteInt16LittleEndian(block[(2 * index)..], source[f]);
                        break;
                    case WavEncoding.MuLaw:
                        block[index] = G711.LinearToMuLaw(source[f]);
                        break;
                    default:
                        block[index] = G711.LinearToALaw(source[f]);
                        break;
                }
            }
        }
    }

    private static void Validate(int sampleRate, WavEncoding encoding, short[][] channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, WavReader.MaxSampleRate);
        if (!Enum.IsDefined(encoding))
        {
            throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unknown WAV encoding.");
        }

        if (channels.Length is 0 or > WavReader.MaxChannels)
        {
            throw new ArgumentException($"A WAV file here has 1 or {WavReader.MaxChannels} channels, not {channels.Length}.", nameof(channels));
        }

        foreach (var channel in channels)
        {
            ArgumentNullException.ThrowIfNull(channel, nameof(channels));
            if (channel.Length != channels[0].Length)
            {
                throw new ArgumentException("All channels must have the same number of samples.", nameof(channels));
            }
        }
    }
}
