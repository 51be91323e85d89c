using EdgeCc.Drivers.Max7219;
using EdgeCc.Drivers.Tests.Fakes;

namespace EdgeCc.Drivers.Tests.Max7219;

public class Max7219MatrixTests
{
    [Fact]
    public void Init_brings_every_chip_out_of_power_up_state_blank_and_running()
    {
        var spi = new RecordingSpiDevice();
        using var matrix = new Max7219Matrix(spi, 4);
        matrix.Init();

        var chain = new Max7219ChainDecoder(4);
        chain.Replay(spi.Writes);
        foreach (var chip in chain.Chips)
        {
            Assert.False(chip.DisplayTest);
            Assert.Equal(7, chip.ScanLimit);
            Assert.Equal(0, chip.DecodeMode);
            Assert.Equal(Max7219Matrix.DefaultIntensity, chip.Intensity);
            Assert.False(chip.Shutdown);
            Assert.All(chip.Image(), row => Assert.Equal("........", row));

            // Shutdown is left last so nothing undefined is ever lit.
            Assert.Equal(0x0C, chip.Log[^1].Address);
        }
    }

    [Fact]
    public void Every_write_carries_one_word_per_chip()
    {
        var spi = new RecordingSpiDevice();
        using var matrix = new Max7219Matrix(spi, 3);
        matrix.Init();
        matrix.Show();
        Assert.All(spi.Writes, w => Assert.Equal(6, w.Length));
    }

    [Fact]
    public void Show_puts_each_8_column_block_on_its_module_in_chain_order()
    {
        var spi = new RecordingSpiDevice();
        using var matrix = new Max7219Matrix(spi, 3);
        matrix.Init();
        matrix.SetPixel(0, 0, true);    // module 0 top left
        matrix.SetPixel(9, 1, true);    // module 1, column 1, row 1
        matrix.SetPixel(23, 7, true);   // module 2 bottom right
        matrix.Show();

        var chain = new Max7219ChainDecoder(3);
        chain.Replay(spi.Writes);
        Assert.Equal("#.......", chain.Chips[0].Image()[0]);
        Assert.Equal(".#......", chain.Chips[1].Image()[1]);
        Assert.Equal(".......#", chain.Chips[2].Image()[7]);
        Assert.Equal(1, chain.Chips[0].Image().Sum(r => r.Count(c => c == '#')));
    }

    [Fact]
    public void First_module_on_right_reverses_the_chain_mapping()
    {
        var spi = new RecordingSpiDevice();
        using var matrix = new Max7219Matrix(spi, 4, firstModuleOnRight: true);
        matrix.Init();
        matrix.SetPixel(0, 0, true);
        matrix.Show();

        var chain = new Max7219ChainDecoder(4);
        chain.Replay(spi.Writes);
        Assert.Equal("#.......", chain.Chips[3].Image()[0]);
        Assert.Equal("........", chain.Chips[0].Image()[0]);
    }

    [Theory]
    [InlineData(ModuleRotation.None, 0, 0)]
    [InlineData(ModuleRotation.Right, 7, 0)]
    [InlineData(ModuleRotation.Half, 7, 7)]
    [InlineData(ModuleRotation.Left, 0, 7)]
    public void Rotation_moves_the_logical_top_left_dot_to_the_rotated_corner(ModuleRotation rotation, int column, int row)
    {
        var spi = new RecordingSpiDevice();
        using var matrix = new Max7219Matrix(spi, 2);
        matrix.Init();
        matrix.SetRotation(1, rotation);
        matrix.SetPixel(8, 0, true);   // top left of module 1
        matrix.SetPixel(0, 0, true);   // module 0 stays unrotated
        matrix.Show();

        var chain = new Max7219ChainDecoder(2);
        chain.Replay(spi.Writes);
        Assert.Equal('#', chain.Chips[1].Image()[row][column]);
        Assert.Equal(1, chain.Chips[1].Image().Sum(r => r.Count(c => c == '#')));
        Assert.Equal('#', chain.Chips[0].Image()[0][0]);
    }

    [Fact]
    public void Rotation_right_turns_an_arrow_clockwise()
    {
        var spi = new RecordingSpiDevice();
        using var matrix = new Max7219Matrix(spi, 1);
        matrix.Init();
        matrix.SetRotation(0, ModuleRotation.Right);
        for (int x = 0; x < 8; x++)
        {
            matrix.SetPixel(x, 0, true); // top row
        }

        matrix.Show();
        var chain = new Max7219ChainDecoder(1);
        chain.Replay(spi.Writes);
        Assert.All(chain.Chips[0].Image(), r => Assert.Equal(".......#", r)); // top row becomes right column
    }

    [Fact]
    public void Intensity_for_one_module_sends_no_ops_to_the_others()
    {
        var spi = new RecordingSpiDevice();
        using var matrix = new Max7219Matrix(spi, 4);
        matrix.Init();
        var chain = new Max7219ChainDecoder(4);
        chain.Replay(spi.Writes);
        spi.Writes.Clear();

        matrix.SetIntensity(2, 15);
        chain.Replay(spi.Writes);

        Assert.Equal(3, chain.NoOps);
        Assert.Equal(15, chain.Chips[2].Intensity);
        Assert.Equal(Max7219Matrix.DefaultIntensity, chain.Chips[0].Intensity);
        Assert.Equal(Max7219Matrix.DefaultIntensity, chain.Chips[3].Intensity);
    }

    [Fact]
    public void Intensity_above_15_is_rejected()
    {
        using var matrix = new Max7219Matrix(new RecordingSpiDevice(), 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.SetIntensity(16));
    }

    [Fact]
    public void Font_draws_digits_that_read_back_as_the_picture()
    {
        var spi = new RecordingSpiDevice();
        using var matrix = new Max7219Matrix(spi, 1);
        matrix.Init();
        MatrixFont.Draw(matrix, "7", 1);
        matrix.Show();

        var chain = new Max7219ChainDecoder(1);
        chain.Replay(spi.Writes);
        Assert.Equal(
            [".#####..", ".....#..", "....#...", "...#....", "..#.....", "..#.....", "..#.....", "........"],
            chain.Chips[0].Image());
    }

    [Fact]
    public void Font_maps_lower_case_to_capitals_and_unknown_to_a_box()
    {
        Assert.Equal(MatrixFont.Glyph('A').ToArray(), MatrixFont.Glyph('a').ToArray());
        Assert.Equal(new byte[] { 0x7F, 0x41, 0x41, 0x41, 0x7F }, MatrixFont.Glyph('€').ToArray());
        Assert.Equal(17, MatrixFont.MeasureWidth("ABC"));
    }

    [Fact]
    public void Scrolling_text_enters_from_the_right_one_column_per_step()
    {
        var spi = new RecordingSpiDevice();
        using var matrix = new Max7219Matrix(spi, 2);
        matrix.Init();
        var scroller = new ScrollingText(matrix, "H");
        var chain = new Max7219ChainDecoder(2);
        chain.Replay(spi.Writes);

        spi.Writes.Clear();
        scroller.Step();  // lead-in: blank
        chain.Replay(spi.Writes);
        Assert.All(chain.Chips[1].Image(), r => Assert.Equal("........", r));

        spi.Writes.Clear();
        scroller.Step();  // first glyph column at x = 15
        chain.Replay(spi.Writes);
        Assert.Equal("#", chain.Chips[1].Image()[0][7..]);
        Assert.Equal(".", chain.Chips[1].Image()[7][7..]);

        int steps = 2;
        while (!scroller.Step())
        {
            steps++;
        }

        Assert.Equal(scroller.CycleLength, steps + 1);
        Assert.Equal(16 + 5, scroller.CycleLength);
    }

    [Fact]
    public void Null_spi_throws_ArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => new Max7219Matrix(null!, 4));
    }

    [Fact]
    public void Constructor_does_no_io_and_dispose_releases_the_spi_device()
    {
        var spi = new RecordingSpiDevice();
        var matrix = new Max7219Matrix(spi, 4);
        Assert.Empty(spi.Writes);
        matrix.Dispose();
        Assert.True(spi.IsDisposed);
        Assert.Throws<ObjectDisposedException>(matrix.Show);
    }

    [Fact]
    public void Spi_write_failure_surfaces_as_IOException()
    {
        var spi = new RecordingSpiDevice { ThrowOnWrite = true };
        using var matrix = new Max7219Matrix(spi, 4);

        var ex = Assert.Throws<IOException>(matrix.Init);
        Assert.Contains("MAX7219", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.InnerException);
    }
}
