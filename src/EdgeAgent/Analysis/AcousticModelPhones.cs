using System.Buffers.Binary;
using System.Text;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// The base (context-independent) phones of a PocketSphinx acoustic model, from its <c>mdef</c>: what a configured
/// pronunciation may use. Layouts from sphinxbase's public bin_mdef.c (binary, "BMDF") and mdef.c (text, "0.3").
/// </summary>
internal static class AcousticModelPhones
{
    private const string FormatEnd = "END FILE FORMAT DESCRIPTION\n";

    /// <summary>
    /// The start of the file the phones are read from: the base phones come before the triphone tables, which make up
    /// the rest of its megabytes (2.9 MB for en-us; a text mdef lists ~40 base phones in its first few kilobytes).
    /// </summary>
    private const int HeadBytes = 64 * 1024;

    /// <summary>Reads them; throws <see cref="InvalidDataException"/> naming the file when it is neither layout.</summary>
    public static HashSet<string> Read(string modelDirectory)
    {
        var path = Path.Combine(modelDirectory, "mdef");
        byte[] bytes;
        using (var file = File.OpenRead(path))
        {
            bytes = new byte[(int)Math.Min(HeadBytes, file.Length)];
            file.ReadExactly(bytes);
        }

        try
        {
            return bytes.AsSpan().StartsWith("BMDF"u8) ? Binary(bytes) : Text(Encoding.ASCII.GetString(bytes));
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException or FormatException)
        {
            throw new InvalidDataException($"{path} is not a PocketSphinx model definition", e);
        }
    }

    /// <summary>
    /// "BMDF", a version string, the format description, padding to 4 bytes, then int32s: n_ciphone, n_phone,
    /// n_emit_state, n_ci_sen, n_sen, n_tmat, n_sseq, n_ctx, n_cd_tree, sil; then n_ciphone NUL-ended names.
    /// The writer's byte order shows in n_emit_state, a small number in either order.
    /// </summary>
    private static HashSet<string> Binary(byte[] bytes)
    {
        var end = bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(FormatEnd));
        if (end < 0)
        {
            throw new FormatException("no format description");
        }

        var at = (end + FormatEnd.Length + 3) & ~3;
        var little = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 8)) is > 0 and < 256;
        var count = little ? BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at)) : BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
        at += 10 * sizeof(int);
        var phones = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var length = bytes.AsSpan(at).IndexOf((byte)0);
            phones.Add(Encoding.ASCII.GetString(bytes, at, length));
            at += length + 1;
        }

        return phones;
    }

    /// <summary>Lines "PHONE - - - attribute ...": a base phone has no left, right or position context.</summary>
    private static HashSet<string> Text(string text)
    {
        var phones = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 4 && fields[0] != "#" && fields[1] == "-" && fields[2] == "-" && fields[3] == "-")
            {
                phones.Add(fields[0]);
            }
        }

        return phones.Count > 0 ? phones : throw new FormatException("no base phones");
    }
}
