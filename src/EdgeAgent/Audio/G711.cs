namespace EdgeCc.Agent.Audio;

/// <summary>
/// ITU-T G.711 μ-law and A-law. Decoding is a 256-entry table lookup; encoding follows the
/// segment search of G.711 §2/§3 (the same bit patterns as the recommendation's tables).
/// </summary>
public static class G711
{
    private const int MuLawBias = 0x84;
    private const int MuLawClip = 32635;

    private static readonly short[] MuLawTable = BuildTable(DecodeMuLawSlow);
    private static readonly short[] ALawTable = BuildTable(DecodeALawSlow);

    public static short MuLawToLinear(byte code) => MuLawTable[code];

    public static short ALawToLinear(byte code) => ALawTable[code];

    public static void MuLawToLinear(ReadOnlySpan<byte> codes, Span<short> pcm)
    {
        CheckLengths(codes.Length, pcm.Length);
        for (var i = 0; i < codes.Length; i++)
        {
            pcm[i] = MuLawTable[codes[i]];
        }
    }

    public static void ALawToLinear(ReadOnlySpan<byte> codes, Span<short> pcm)
    {
        CheckLengths(codes.Length, pcm.Length);
        for (var i = 0; i < codes.Length; i++)
        {
            pcm[i] = ALawTable[codes[i]];
        }
    }

    public static void LinearToMuLaw(ReadOnlySpan<short> pcm, Span<byte> codes)
    {
        CheckLengths(pcm.Length, codes.Length);
        for (var i = 0; i < pcm.Length; i++)
        {
            codes[i] = LinearToMuLaw(pcm[i]);
        }
    }

    public static void LinearToALaw(ReadOnlySpan<short> pcm, Span<byte> codes)
    {
        CheckLengths(pcm.Length, codes.Length);
        for (var i = 0; i < pcm.Length; i++)
        {
            codes[i] = LinearToALaw(pcm[i]);
        }
    }

    public static byte LinearToMuLaw(short sample)
    {
        int value = sample;
        var sign = (value >> 8) & 0x80;
        if (sign != 0)
        {
            value = -value;
        }

        value = Math.Min(value, MuLawClip) + MuLawBias;
        var exponent = 7;
        for (var mask = 0x4000; (value & mask) == 0 && exponent > 0; mask >>= 1)
        {
            exponent--;
        }

        var mantissa = (value >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    public static byte LinearToALaw(short sample)
    {
        // A-law works on 13-bit magnitudes; even bits are inverted on the wire (G.711 §3).
        int value = sample >> 3;
        int sign;
        if (value >= 0)
        {
            sign = 0x80;
        }
        else
        {
            sign = 0x00;
            value = -value - 1;
        }

        int code;
        if (value < 32)
        {
            code = value >> 1;
        }
        else
        {
            var segment = 1;
            for (var v = value >> 5; v > 1 && segment < 7; v >>= 1)
            {
                segment++;
            }

            if (value >= 4096)
            {
                code = 0x7F;
            }
            else
            {
                code = (segment << 4) | ((value >> segment) & 0x0F);
            }
        }

        return (byte)((sign | code) ^ 0x55);
    }

    private static short DecodeMuLawSlow(byte code)
    {
        var u = ~code & 0xFF;
        var exponent = (u >> 4) & 0x07;
        var mantissa = u & 0x0F;
        var magnitude = (((mantissa << 3) + MuLawBias) << exponent) - MuLawBias;
        return (short)((u & 0x80) != 0 ? -magnitude : magnitude);
    }

    private static short DecodeALawSlow(byte code)
    {
        var a = code ^ 0x55;
        var segment = (a >> 4) & 0x07;
        var mantissa = a & 0x0F;
        var magnitude = segment == 0
            ? (mantissa << 4) + 8
            : ((mantissa << 4) + 0x108) << (segment - 1);
        return (short)((a & 0x80) != 0 ? magnitude : -magnitude);
    }

    private static short[] BuildTable(Func<byte, short> decode)
    {
        var table = new short[256];
        for (var i = 0; i < 256; i++)
        {
            table[i] = decode((byte)i);
        }

        return table;
    }

    private static void CheckLengths(int source, int destination)
    {
        if (destination < source)
        {
            throw new ArgumentException($"Destination holds {destination} samples but {source} are needed.", nameof(destination));
        }
    }
}
