using System.Drawing;
using EdgeCc.Drivers.Ht16k33;
using EdgeCc.Drivers.Max7219;
using EdgeCc.Drivers.Simulated;
using EdgeCc.Drivers.StackLight;
using EdgeCc.Drivers.Ws2812;

namespace EdgeCc.Drivers.Tests.Simulated;

public class SimulatedDisplaysTests
{
    [Fact]
    public void Pixel_strip_renders_one_letter_per_pixel_only_after_Show()
    {
        IPixelStrip strip = new SimulatedPixelStrip(6, ansiColors: false);
        strip.SetPixel(0, Color.Red);
        strip.SetPixel(1, Color.FromArgb(0, 200, 0));
        strip.SetPixel(2, Color.Blue);
        strip.SetPixel(3, Color.Orange);
        strip.SetPixel(5, Color.White);
        var sim = (SimulatedPixelStrip)strip;
        Assert.Equal("......", sim.Render());

        strip.Show();

        Assert.Equal("RGBY.W", sim.Render());
        Assert.Equal(1, sim.FrameCount);
    }

    [Fact]
    public void Pixel_strip_writes_ansi_24_bit_colour_blocks_to_the_output()
    {
        using var output = new StringWriter();
        var strip = new SimulatedPixelStrip(2, output);
        strip.SetPixel(0, Color.FromArgb(255, 10, 0));
        strip.Show();

        Assert.Equal("\u001b[38;2;255;10;0m\u2588\u001b[38;2;0;0;0m\u2588\u001b[0m" + Environment.NewLine, output.ToString());
    }

    [Fact]
    public void Matrix_renders_text_drawn_with_the_font_as_hashes_and_dots()
    {
        var matrix = new SimulatedMatrixDisplay(width: 6, height: 8);
        MatrixFont.Draw(matrix, "1", 0);
        matrix.Show();

        Assert.Equal(
            "..#...\n.##...\n..#...\n..#...\n..#...\n..#...\n.###..\n......\n",
            matrix.Render());
    }

    [Fact]
    public void Matrix_runs_a_scrolling_text_like_the_real_display()
    {
        var matrix = new SimulatedMatrixDisplay(width: 8);
        var ticker = new ScrollingText(matrix, "HI");
        for (int i = 0; i < 8; i++)
        {
            ticker.Step();
        }

        Assert.Equal(8, matrix.FrameCount);
        // Eighth step: one lead-in column, then "H" and the first (blank) column of "I".
        string[] rows = matrix.Render().Split('\n');
        Assert.Equal(".#...#..", rows[0]);
        Assert.Equal(".#####..", rows[3]);
    }

    [Fact]
    public void Segment_display_renders_mm_ss_with_colon()
    {
        ISegmentDisplay display = new SimulatedSegmentDisplay();
        display.Write(SegmentText.MinutesSeconds(TimeSpan.FromSeconds(754)));
        display.Show();

        Assert.Equal(
            "     _    _\n" +
            "  |  _| . _| |_|\n" +
            "  | |_  . _|   |\n",
            ((SimulatedSegmentDisplay)display).Render());
    }

    [Fact]
    public void Segment_display_shows_decimal_point()
    {
        var display = new SimulatedSegmentDisplay(digitCount: 2);
        display.Write("1.0");
        display.Show();
        Assert.Equal("     _\n  | | |\n  |.|_|\n", display.Render());
    }

    [Fact]
    public void Stack_light_writes_a_line_per_change()
    {
        using var output = new StringWriter();
        IStackLight tower = new SimulatedStackLight(output);
        tower.Set(StackLamp.Red, LampPattern.Flash);
        tower.Set(StackLamp.Red, LampPattern.Flash);
        tower.Set(StackLamp.Green, LampPattern.Steady);

        Assert.Equal(
            "red=flash amber=off green=off buzzer=off" + Environment.NewLine +
            "red=flash amber=off green=steady buzzer=off" + Environment.NewLine,
            output.ToString());
        Assert.Equal(LampPattern.Steady, tower.GetPattern(StackLamp.Green));
    }
}
