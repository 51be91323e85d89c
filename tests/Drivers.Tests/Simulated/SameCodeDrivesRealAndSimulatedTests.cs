using System.Drawing;
using EdgeCc.Drivers.Ht16k33;
using EdgeCc.Drivers.Max7219;
using EdgeCc.Drivers.Simulated;
using EdgeCc.Drivers.Tests.Fakes;
using EdgeCc.Drivers.Tests.Ht16k33;
using EdgeCc.Drivers.Tests.Max7219;
using EdgeCc.Drivers.Tests.Ws2812;
using EdgeCc.Drivers.Ws2812;

namespace EdgeCc.Drivers.Tests.Simulated;

/// <summary>Floor-style code written against the interfaces gives the same picture on the chip and in the simulator.</summary>
public class SameCodeDrivesRealAndSimulatedTests
{
    private static void PaintDesks(IPixelStrip strip)
    {
        strip.Clear();
        for (int desk = 0; desk < strip.Count; desk++)
        {
            strip.SetPixel(desk, desk % 3 == 0 ? Color.Red : Color.Lime);
        }

        strip.Show();
    }

    [Fact]
    public void Strip_code_gives_the_same_colours_on_ws2812_and_simulator()
    {
        var spi = new RecordingSpiDevice();
        using var real = new Ws2812Strip(spi, 9, gamma: 1.0);
        var sim = new SimulatedPixelStrip(9, ansiColors: false);

        PaintDesks(real);
        PaintDesks(sim);

        var frame = Ws2812Decoder.Decode(spi.Writes[0], LedChip.Ws2812b, 3);
        for (int i = 0; i < 9; i++)
        {
            Color c = sim.Shown(i);
            Assert.Equal(new[] { c.G, c.R, c.B }, frame.Pixels[i]);
        }

        Assert.Equal("RGGRGGRGG", sim.Render());
    }

    [Fact]
    public void Matrix_code_gives_the_same_dots_on_max7219_and_simulator()
    {
        var spi = new RecordingSpiDevice();
        using var real = new Max7219Matrix(spi, 2);
        real.Init();
        var sim = new SimulatedMatrixDisplay(16, 8);

        foreach (IMatrixDisplay display in new IMatrixDisplay[] { real, sim })
        {
            display.Clear();
            MatrixFont.Draw(display, "Q7", 2);
            display.Show();
        }

        var chain = new Max7219ChainDecoder(2);
        chain.Replay(spi.Writes);
        string[] simRows = sim.Render().TrimEnd('\n').Split('\n');
        for (int y = 0; y < 8; y++)
        {
            Assert.Equal(simRows[y], chain.Chips[0].Image()[y] + chain.Chips[1].Image()[y]);
        }
    }

    [Fact]
    public void Segment_code_gives_the_same_digits_on_ht16k33_and_simulator()
    {
        var i2c = new RecordingI2cDevice();
        using var real = new Ht16k33Segment(i2c);
        real.Init();
        var sim = new SimulatedSegmentDisplay();

        foreach (ISegmentDisplay display in new ISegmentDisplay[] { real, sim })
        {
            display.Write(SegmentText.Count(-12));
            display.Show();
        }

        var chip = new Ht16k33Decoder();
        chip.Replay(i2c.Writes);
        Assert.Equal(" -12", chip.Text());
        Assert.Equal(
            "              _\n" +
            "     _     |  _|\n" +
            "           | |_\n",
            sim.Render());
    }
}
