using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;

namespace EdgeCc.Agent.Audio;

/// <summary>
/// Reads WAV files holding PCM16, μ-law or A-law (also as WAVE_FORMAT_EXTENSIBLE), mono or stereo,
/// and decodes them to PCM16 per channel. More than two channels are refused: a call recording has
/// one channel per leg (0 = agent, 1 = customer), and guessing which two of six are the call would
/// silently analyse the wrong audio. Malformed files throw <see cref="InvalidDataException"/> with a
/// message naming the file and the problem; a file is a whole input, not a packet, so it fails loudly.
/// </summary>
internal static class WavReader
{
    public const int MaxChannels = 2;
    public const int MaxSampleRate = 768_000;

    private const ushort TagPcm = 0x0001;
    private const ushort TagALaw = 0x0006;
    private const ushort TagMuLaw = 0x0007;
    private const ushort TagExtensible = 0xFFFE;
    private const int MinFmtSize = 16;
    private const int ExtensibleFmtSize = 40;
    private const int MaxFmtSize = 4096;
    private const uint UnknownSize = 0xFFFF_FFFF;

    // KSDATAFORMAT_SUBTYPE_* GUIDs are {tag-0000-0010-8000-00AA00389B71}; bytes 4..15 as stored in the file.
    private static ReadOnlySpan<byte> SubFormatGuidTail => [0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    public static WavAudio Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        return Read(stream, path);
    }

    public static WavAudio Read(Stream s, string name)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(name);

        Span<byte> header = stackalloc byte[12];
        var got = ReadFully(s, header);
        if (got >= 4 && (header[..4].SequenceEqual("RF64"u8) || header[..4].SequenceEqual("BW64"u8)))
        {
            throw Bad(name, "RF64/BW64 (WAV over 4 GiB) is not supported");
        }

        if (got < header.Length || !header[..4].SequenceEqual("RIFF"u8) || !header[8..].SequenceEqual("WAVE"u8))
        {
            throw Bad(name, "not a RIFF/WAVE file");
        }

        // The RIFF size is ignored: streaming writers leave it 0 or wrong, and the chunks tell the truth.
        WavFormat? format = null;
        byte[]? data = null;
        var truncated = false;
        Span<byte> chunkHeader = stackalloc byte[8];
        var stream = s;
        while ((format is null || data is null) && ReadFully(stream, chunkHeader) == chunkHeader.Length)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader[4..]);
            if (chunkHeader[..4].SequenceEqual("fmt "u8))
            {
                if (format is not null)
                {
                    throw Bad(name, "more than one fmt chunk");
                }

                format = ReadFormat(stream, size, name);
                SkipPad(stream, size);
            }
            else if (chunkHeader[..4].SequenceEqual("data"u8))
            {
                if (data is not null)
                {
                    throw Bad(name, "more than one data chunk");
                }

                if (size == UnknownSize)
                {
                    data = ReadUpTo(stream, long.MaxValue, name);
                    truncated = true;
                    break;
                }

                if (size == 0)
                {
                    // Either a truly empty data chunk or a writer that never came back to fill in the size.
                    var rest = ReadUpTo(stream, long.MaxValue, name);
                    if (rest.Length == 0 || LooksLikeChunks(rest))
                    {
                        data = [];
                        stream = new MemoryStream(rest, writable: false);
                        continue;
                    }

                    data = rest;
                    truncated = true;
                    break;
                }

                data = ReadUpTo(stream, size, name);
                if (data.Length < size)
                {
                    truncated = true;
                    break;
                }

                SkipPad(stream, size);
            }
            else if (!Skip(stream, size + (size & 1)))
            {
                break;
            }
        }

        if (format is null)
        {
            throw Bad(name, "no fmt chunk");
        }

        if (data is null)
        {
            throw Bad(name, "no data chunk");
        }

        var (channels, partialFrame) = Decode(format, data);
        return new WavAudio(format.SampleRate, format.Encoding, channels, truncated || partialFrame);
    }

    private static WavFormat ReadFormat(Stream stream, uint size, string name)
    {
        if (size < MinFmtSize)
        {
            throw Bad(name, $"fmt chunk is {size} bytes, at least {MinFmtSize} are needed");
        }

        if (size > MaxFmtSize)
        {
            throw Bad(name, $"fmt chunk is {size} bytes, which no known format needs");
        }

        Span<byte> fmt = stackalloc byte[(int)size];
        if (ReadFully(stream, fmt) < fmt.Length)
        {
            throw Bad(name, "fmt chunk runs past the end of the file");
        }

        var tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        var sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        var blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);

        if (tag == TagExtensible)
        {
            if (size < ExtensibleFmtSize)
            {
                throw Bad(name, $"extensible fmt chunk is {size} bytes, {ExtensibleFmtSize} are needed");
            }

            var subFormat = fmt.Slice(24, 16);
            var subTag = BinaryPrimitives.ReadUInt32LittleEndian(subFormat);
            if (!subFormat[4..].SequenceEqual(SubFormatGuidTail) || subTag > ushort.MaxValue)
            {
                throw Bad(name, $"extensible sub-format {new Guid(subFormat)} is not supported; use PCM16, μ-law or A-law");
            }

            tag = (ushort)subTag;
        }

        var encoding = tag switch
        {
            TagPcm => WavEncoding.Pcm16,
            TagMuLaw => WavEncoding.MuLaw,
            TagALaw => WavEncoding.ALaw,
            _ => throw Bad(name, $"format tag 0x{tag:X4} ({TagName(tag)}) is not supported; use PCM16, μ-law or A-law"),
        };

        var expectedBits = encoding == WavEncoding.Pcm16 ? 16 : 8;
        if (bits != expectedBits)
        {
            throw Bad(name, encoding == WavEncoding.Pcm16
                ? $"{bits}-bit PCM is not supported; use 16-bit"
                : $"{bits}-bit {EncodingName(encoding)} is not supported; G.711 has 8 bits per sample");
        }

        if (channels == 0)
        {
            throw Bad(name, "fmt chunk declares 0 channels");
        }

        if (channels > MaxChannels)
        {
            throw Bad(name, $"{channels} channels are not supported; use mono or stereo (agent, customer)");
        }

        if (sampleRate == 0 || sampleRate > MaxSampleRate)
        {
            throw Bad(name, $"sample rate {sampleRate} Hz is not supported");
        }

        if (blockAlign != channels * expectedBits / 8)
        {
            throw Bad(name, $"block align {blockAlign} does not match {channels} channel(s) of {expectedBits}-bit samples");
        }

        return new WavFormat(encoding, channels, (int)sampleRate, blockAlign);
    }

    private static (short[][] Channels, bool PartialFrame) Decode(WavFormat format, byte[] data)
    {
        var frames = data.Length / format.BlockAlign;
        var channels = new short[format.Channels][];
        for (var c = 0; c < channels.Length; c++)
        {
            channels[c] = new short[frames];
        }

        var partialFrame = data.Length % format.BlockAlign != 0;
        var bytes = data.AsSpan(0, frames * format.BlockAlign);
        if (format.Encoding == WavEncoding.Pcm16)
        {
            if (channels.Length == 1 && BitConverter.IsLittleEndian)
            {
                MemoryMarshal.Cast<byte, short>(bytes).CopyTo(channels[0]);
                return (channels, partialFrame);
            }

            for (var f = 0; f < frames; f++)
            {
                for (var c = 0; c < channels.Length; c++)
                {
                    channels[c][f] = BinaryPrimitives.ReadInt16LittleEndian(bytes[(2 * ((f * channels.Length) + c))..]);
                }
            }

            return (channels, partialFrame);
        }

        var mu = format.Encoding == WavEncoding.MuLaw;
        if (channels.Length == 1)
        {
            if (mu)
            {
                G711.MuLawToLinear(bytes, channels[0]);
            }
            else
            {
                G711.ALawToLinear(bytes, channels[0]);
            }

            return (channels, partialFrame);
        }

        for (var f = 0; f < frames; f++)
        {
            for (var c = 0; c < channels.Length; c++)
            {
                var code = bytes[(f * channels.Length) + c];
                channels[c][f] = mu ? G711.MuLawToLinear(code) : G711.ALawToLinear(code);
            }
        }

        return (channels, partialFrame);
    }

    /// <summary>
    /// True when <paramref name="rest"/> is a plausible run of RIFF chunks (printable ids, sizes that
    /// end exactly at the end), i.e. what follows a genuinely empty data chunk, not leftover audio.
    /// </summary>
    private static bool LooksLikeChunks(ReadOnlySpan<byte> rest)
    {
        long position = 0;
        while (position + 8 <= rest.Length)
        {
            var id = rest.Slice((int)position, 4);
            foreach (var b in id)
            {
                if (b is < 0x20 or > 0x7E)
                {
                    return false;
                }
            }

            var size = BinaryPrimitives.ReadUInt32LittleEndian(rest[((int)position + 4)..]);
            position += 8L + size + (size & 1);
        }

        // A final odd-sized chunk may lack its pad byte.
        return position == rest.Length || position == rest.Length + 1;
    }

    private static byte[] ReadUpTo(Stream stream, long limit, string name)
    {
        if (stream.CanSeek)
        {
            var available = Math.Max(0, stream.Length - stream.Position);
            var length = Math.Min(limit, available);
            if (length > Array.MaxLength)
            {
                throw Bad(name, $"data chunk of {length} bytes is too large to decode in memory");
            }

            var exact = new byte[length];
            var read = ReadFully(stream, exact);
            return read == exact.Length ? exact : exact.AsSpan(0, read).ToArray();
        }

        using var copy = new MemoryStream();
        var buffer = new byte[64 * 1024];
        var remaining = limit;
        while (remaining > 0)
        {
            var n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
            if (n == 0)
            {
                break;
            }

            if (copy.Length + n > Array.MaxLength)
            {
                throw Bad(name, "data chunk is too large to decode in memory");
            }

            copy.Write(buffer, 0, n);
            remaining -= n;
        }

        return copy.ToArray();
    }

    private static bool Skip(Stream stream, long count)
    {
        if (stream.CanSeek)
        {
            var target = stream.Position + count;
            if (target > stream.Length)
            {
                stream.Position = stream.Length;
                return false;
            }

            stream.Position = target;
            return true;
        }

        Span<byte> scratch = stackalloc byte[512];
        while (count > 0)
        {
            var n = stream.Read(scratch[..(int)Math.Min(scratch.Length, count)]);
            if (n == 0)
            {
                return false;
            }

            count -= n;
        }

        return true;
    }

    // RIFF pads odd-sized chunks to an even length; a missing pad at the very end is tolerated.
    private static void SkipPad(Stream stream, uint size)
    {
        if ((size & 1) != 0)
        {
            Skip(stream, 1);
        }
    }

    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = stream.Read(buffer[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    private static string TagName(ushort tag) => tag switch
    {
        0x0002 => "Microsoft ADPCM",
        0x0003 => "IEEE float",
        0x0011 => "IMA ADPCM",
        0x0031 => "GSM 6.10",
        0x0050 => "MPEG",
        0x0055 => "MPEG Layer III",
        _ => "unknown",
    };

    private static string EncodingName(WavEncoding encoding) => encoding switch
    {
        WavEncoding.MuLaw => "μ-law",
        WavEncoding.ALaw => "A-law",
        _ => "PCM",
    };

    private static InvalidDataException Bad(string name, string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"'{name}': {problem}"));

    private sealed record WavFormat(WavEncoding Encoding, int Channels, int SampleRate, int BlockAlign);
}
