namespace EdgeCc.Drivers.Max7219;

/// <summary>
/// A 5x7 font for ASCII 0x20–0x60 and 0x7B–0x7E (lower case is drawn with the capitals), drawn here as
/// pictures so a glyph can be checked by eye. Glyphs are stored as columns, bit 0 = top row.
/// </summary>
public static class MatrixFont
{
    /// <summary>Glyph width in columns.</summary>
    public const int GlyphWidth = 5;

    /// <summary>Glyph height in rows.</summary>
    public const int GlyphHeight = 7;

    /// <summary>Blank columns between characters.</summary>
    public const int Spacing = 1;

    private const char First = ' ';

    private static readonly string[] Pictures =
    [
        ".....|.....|.....|.....|.....|.....|.....", // space
        "..#..|..#..|..#..|..#..|..#..|.....|..#..", // !
        ".#.#.|.#.#.|.....|.....|.....|.....|.....", // "
        ".#.#.|.#.#.|#####|.#.#.|#####|.#.#.|.#.#.", // #
        "..#..|.####|#.#..|.###.|..#.#|####.|..#..", // $
        "##...|##..#|...#.|..#..|.#...|#..##|...##", // %
        ".##..|#..#.|#.#..|.#...|#.#.#|#..#.|.##.#", // &
        "..#..|..#..|.....|.....|.....|.....|.....", // '
        "...#.|..#..|.#...|.#...|.#...|..#..|...#.", // (
        ".#...|..#..|...#.|...#.|...#.|..#..|.#...", // )
        ".....|..#..|#.#.#|.###.|#.#.#|..#..|.....", // *
        ".....|..#..|..#..|#####|..#..|..#..|.....", // +
        ".....|.....|.....|.....|.##..|..#..|.#...", // ,
        ".....|.....|.....|#####|.....|.....|.....", // -
        ".....|.....|.....|.....|.....|.##..|.##..", // .
        ".....|....#|...#.|..#..|.#...|#....|.....", // /
        ".###.|#...#|#..##|#.#.#|##..#|#...#|.###.", // 0
        "..#..|.##..|..#..|..#..|..#..|..#..|.###.", // 1
        ".###.|#...#|....#|...#.|..#..|.#...|#####", // 2
        "#####|...#.|..#..|...#.|....#|#...#|.###.", // 3
        "...#.|..##.|.#.#.|#..#.|#####|...#.|...#.", // 4
        "#####|#....|####.|....#|....#|#...#|.###.", // 5
        "..##.|.#...|#....|####.|#...#|#...#|.###.", // 6
        "#####|....#|...#.|..#..|.#...|.#...|.#...", // 7
        ".###.|#...#|#...#|.###.|#...#|#...#|.###.", // 8
        ".###.|#...#|#...#|.####|....#|...#.|.##..", // 9
        ".....|.##..|.##..|.....|.##..|.##..|.....", // :
        ".....|.##..|.##..|.....|.##..|..#..|.#...", // ;
        "...#.|..#..|.#...|#....|.#...|..#..|...#.", // <
        ".....|.....|#####|.....|#####|.....|.....", // =
        ".#...|..#..|...#.|....#|...#.|..#..|.#...", // >
        ".###.|#...#|....#|...#.|..#..|.....|..#..", // ?
        ".###.|#...#|....#|.##.#|#.#.#|#.#.#|.###.", // @
        ".###.|#...#|#...#|#####|#...#|#...#|#...#", // A
        "####.|#...#|#...#|####.|#...#|#...#|####.", // B
        ".###.|#...#|#....|#....|#....|#...#|.###.", // C
        "###..|#..#.|#...#|#...#|#...#|#..#.|###..", // D
        "#####|#....|#....|####.|#....|#....|#####", // E
        "#####|#....|#....|####.|#....|#....|#....", // F
        ".###.|#...#|#....|#.###|#...#|#...#|.####", // G
        "#...#|#...#|#...#|#####|#...#|#...#|#...#", // H
        ".###.|..#..|..#..|..#..|..#..|..#..|.###.", // I
        "..###|...#.|...#.|...#.|...#.|#..#.|.##..", // J
        "#...#|#..#.|#.#..|##...|#.#..|#..#.|#...#", // K
        "#....|#....|#....|#....|#....|#....|#####", // L
        "#...#|##.##|#.#.#|#.#.#|#...#|#...#|#...#", // M
        "#...#|#...#|##..#|#.#.#|#..##|#...#|#...#", // N
        ".###.|#...#|#...#|#...#|#...#|#...#|.###.", // O
        "####.|#...#|#...#|####.|#....|#....|#....", // P
        ".###.|#...#|#...#|#...#|#.#.#|#..#.|.##.#", // Q
        "####.|#...#|#...#|####.|#.#..|#..#.|#...#", // R
        ".####|#....|#....|.###.|....#|....#|####.", // S
        "#####|..#..|..#..|..#..|..#..|..#..|..#..", // T
        "#...#|#...#|#...#|#...#|#...#|#...#|.###.", // U
        "#...#|#...#|#...#|#...#|#...#|.#.#.|..#..", // V
        "#...#|#...#|#...#|#.#.#|#.#.#|#.#.#|.#.#.", // W
        "#...#|#...#|.#.#.|..#..|.#.#.|#...#|#...#", // X
        "#...#|#...#|.#.#.|..#..|..#..|..#..|..#..", // Y
        "#####|....#|...#.|..#..|.#...|#....|#####", // Z
        ".###.|.#...|.#...|.#...|.#...|.#...|.###.", // [
        ".....|#....|.#...|..#..|...#.|....#|.....", // backslash
        ".###.|...#.|...#.|...#.|...#.|...#.|.###.", // ]
        "..#..|.#.#.|#...#|.....|.....|.....|.....", // ^
        ".....|.....|.....|.....|.....|.....|#####", // _
        ".#...|..#..|.....|.....|.....|.....|.....", // `
    ];

    private static readonly string[] TailPictures =
    [
        "...#.|..#..|..#..|.#...|..#..|..#..|...#.", // {
        "..#..|..#..|..#..|..#..|..#..|..#..|..#..", // |
        ".#...|..#..|..#..|...#.|..#..|..#..|.#...", // }
        ".....|.....|.#...|#.#.#|...#.|.....|.....", // ~
    ];

    // Shown for characters outside the font: a hollow box, so a missing glyph is visible rather than silent.
    private const string Unknown = "#####|#...#|#...#|#...#|#...#|#...#|#####";

    private static readonly byte[][] Glyphs = Array.ConvertAll(Pictures, ToColumns);
    private static readonly byte[][] TailGlyphs = Array.ConvertAll(TailPictures, ToColumns);
    private static readonly byte[] UnknownGlyph = ToColumns(Unknown);

    /// <summary>The glyph's five columns (bit 0 = top row) for a character; lower case maps to upper case.</summary>
    public static ReadOnlySpan<byte> Glyph(char c)
    {
        if (c is >= 'a' and <= 'z')
        {
            c = (char)(c - 'a' + 'A');
        }

        int index = c - First;
        if (index >= 0 && index < Glyphs.Length)
        {
            return Glyphs[index];
        }

        index = c - '{';
        return index >= 0 && index < TailGlyphs.Length ? TailGlyphs[index] : UnknownGlyph;
    }

    /// <summary>Width in columns of <paramref name="text"/> drawn with <see cref="Draw"/>.</summary>
    public static int MeasureWidth(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length == 0 ? 0 : (text.Length * (GlyphWidth + Spacing)) - Spacing;
    }

    /// <summary>
    /// Draws <paramref name="text"/> with its left edge at column <paramref name="x"/> (may be negative or past the
    /// edge; clipped) and its top at row <paramref name="y"/>. Only set dots are drawn; call Clear first for a fresh frame.
    /// </summary>
    public static void Draw(IMatrixDisplay display, string text, int x, int y = 0)
    {
        ArgumentNullException.ThrowIfNull(display);
        ArgumentNullException.ThrowIfNull(text);
        foreach (char c in text)
        {
            ReadOnlySpan<byte> glyph = Glyph(c);
            for (int column = 0; column < GlyphWidth; column++)
            {
                DrawColumn(display, x + column, y, glyph[column]);
            }

            x += GlyphWidth + Spacing;
        }
    }

    internal static void DrawColumn(IMatrixDisplay display, int x, int y, byte bits)
    {
        if (x < 0 || x >= display.Width)
        {
            return;
        }

        for (int row = 0; row < 8; row++)
        {
            int py = y + row;
            if ((bits & (1 << row)) != 0 && py >= 0 && py < display.Height)
            {
                display.SetPixel(x, py, true);
            }
        }
    }

    private static byte[] ToColumns(string picture)
    {
        string[] rows = picture.Split('|');
        if (rows.Length != GlyphHeight)
        {
            throw new InvalidOperationException($"Glyph '{picture}' has {rows.Length} rows.");
        }

        var columns = new byte[GlyphWidth];
        for (int row = 0; row < GlyphHeight; row++)
        {
            for (int column = 0; column < GlyphWidth; column++)
            {
                if (rows[row][column] == '#')
                {
                    columns[column] |= (byte)(1 << row);
                }
            }
        }

        return columns;
    }
}
