namespace EdgeCc.Drivers.Ht16k33;

/// <summary>
/// Segment patterns, bit 0 = A (top) … bit 5 = F (upper left), bit 6 = G (middle), bit 7 = DP: the order in which
/// the common 4-digit backpacks wire the HT16K33 ROW outputs to the segments.
/// </summary>
public static class SevenSegment
{
    /// <summary>Decimal-point bit.</summary>
    public const byte DecimalPoint = 0b1000_0000;

    /// <summary>Shown for a character with no 7-segment form: top, middle and bottom bars.</summary>
    public const byte Unknown = 0b0100_1001;

    //                                 0            1            2            3            4
    private static readonly byte[] Digits = [0b0011_1111, 0b0000_0110, 0b0101_1011, 0b0100_1111, 0b0110_0110,
                                             0b0110_1101, 0b0111_1101, 0b0000_0111, 0b0111_1111, 0b0110_1111];
    //                                 5            6            7            8            9

    /// <summary>Pattern for a character (digits, a hex-ish letter set, '-', '_', ' ', '°').</summary>
    public static byte Encode(char c) => c switch
    {
        >= '0' and <= '9' => Digits[c - '0'],
        ' ' => 0,
        '-' => 0b0100_0000,
        '_' => 0b0000_1000,
        '°' => 0b0110_0011,
        'A' or 'a' => 0b0111_0111,
        'b' or 'B' => 0b0111_1100,
        'C' => 0b0011_1001,
        'c' => 0b0101_1000,
        'd' or 'D' => 0b0101_1110,
        'E' or 'e' => 0b0111_1001,
        'F' or 'f' => 0b0111_0001,
        'H' => 0b0111_0110,
        'h' => 0b0111_0100,
        'L' or 'l' => 0b0011_1000,
        'n' or 'N' => 0b0101_0100,
        'o' => 0b0101_1100,
        'O' => 0b0011_1111,
        'P' or 'p' => 0b0111_0011,
        'r' or 'R' => 0b0101_0000,
        't' or 'T' => 0b0111_1000,
        'U' => 0b0011_1110,
        'u' => 0b0001_1100,
        'y' or 'Y' => 0b0110_1110,
        _ => Unknown,
    };

    /// <summary>
    /// Lays <paramref name="text"/> right-aligned into <paramref name="digits"/>; returns whether a ':' was present.
    /// </summary>
    /// <exception cref="ArgumentException">More characters than digit positions.</exception>
    public static bool Layout(string text, Span<byte> digits)
    {
        ArgumentNullException.ThrowIfNull(text);
        digits.Clear();
        bool colon = false;
        int position = digits.Length;

        // Walk from the right so a '.' attaches to the character before it.
        bool pendingPoint = false;
        for (int i = text.Length - 1; i >= 0; i--)
        {
            char c = text[i];
            if (c == ':')
            {
                colon = true;
                continue;
            }

            if (c == '.')
            {
                if (pendingPoint)
                {
                    Place(digits, ref position, DecimalPoint, text);
                }

                pendingPoint = true;
                continue;
            }

            byte pattern = Encode(c);
            if (pendingPoint)
            {
                pattern |= DecimalPoint;
                pendingPoint = false;
            }

            Place(digits, ref position, pattern, text);
        }

        if (pendingPoint)
        {
            Place(digits, ref position, DecimalPoint, text);
        }

        return colon;
    }

    private static void Place(Span<byte> digits, ref int position, byte pattern, string text)
    {
        if (position == 0)
        {
            throw new ArgumentException($"'{text}' needs more than {digits.Length} digits.", nameof(text));
        }

        digits[--position] = pattern;
    }
}
