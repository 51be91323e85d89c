using EdgeCc.Drivers.Ht16k33;
using EdgeCc.Drivers.Tests.Fakes;

namespace EdgeCc.Drivers.Tests.Ht16k33;

public class Ht16k33SegmentTests
{
    private static (RecordingI2cDevice I2c, Ht16k33Segment Display) Started()
    {
        var i2c = new RecordingI2cDevice();
        var display = new Ht16k33Segment(i2c);
        display.Init();
        return (i2c, display);
    }

    [Fact]
    public void Init_starts_oscillator_sets_full_dimming_clears_ram_and_turns_display_on_steady()
    {
        var (i2c, display) = Started();
        using var _ = display;
        var chip = new Ht16k33Decoder();
        chip.Replay(i2c.Writes);

        Assert.True(chip.OscillatorOn);
        Assert.True(chip.RowOutput);
        Assert.Equal(15, chip.Dimming);
        Assert.True(chip.DisplayOn);
        Assert.Equal(0, chip.Blink);
        Assert.All(chip.Ram, b => Assert.Equal(0, b));
        Assert.Equal(0x21, i2c.Writes[0][0]); // oscillator before anything else (standby at power-on)
        Assert.Equal("    ", chip.Text());
    }

    [Fact]
    public void Calls_waiting_count_reads_back_right_aligned_in_one_write()
    {
        var (i2c, display) = Started();
        using var _ = display;
        int before = i2c.Writes.Count;

        display.Write(SegmentText.Count(42));
        display.Show();

        Assert.Equal(before + 1, i2c.Writes.Count);
        Assert.Equal(11, i2c.Writes[^1].Length);
        var chip = new Ht16k33Decoder();
        chip.Replay(i2c.Writes);
        Assert.Equal("  42", chip.Text()[..4]);
    }

    [Theory]
    [InlineData(67, " 1:07")]
    [InlineData(0, " 0:00")]
    [InlineData(754, "12:34")]
    [InlineData(100 * 60, "99:59")]
    public void Longest_wait_shows_minutes_colon_seconds(int seconds, string expected)
    {
        var (i2c, display) = Started();
        using var _ = display;
        display.Write(SegmentText.MinutesSeconds(TimeSpan.FromSeconds(seconds)));
        display.Show();

        var chip = new Ht16k33Decoder();
        chip.Replay(i2c.Writes);
        Assert.Equal(expected.Replace(":", "", StringComparison.Ordinal).Insert(2, ":"), chip.Text());
    }

    [Fact]
    public void Decimal_points_attach_to_the_digit_before_them()
    {
        var (i2c, display) = Started();
        using var _ = display;
        display.Write("1.2.3.4");
        display.Show();

        var chip = new Ht16k33Decoder();
        chip.Replay(i2c.Writes);
        Assert.Equal("1.2.3.4", chip.Text());
    }

    [Fact]
    public void Count_outside_four_digits_shows_dashes()
    {
        Assert.Equal("----", SegmentText.Count(12345));
        Assert.Equal("-999", SegmentText.Count(-999));
        Assert.Equal("----", SegmentText.Count(-1000));
    }

    [Fact]
    public void Text_longer_than_the_display_is_rejected()
    {
        using var display = new Ht16k33Segment(new RecordingI2cDevice());
        Assert.Throws<ArgumentException>(() => display.Write("12345"));
    }

    [Theory]
    [InlineData(BlinkRate.Off, 0x81)]
    [InlineData(BlinkRate.TwoHz, 0x83)]
    [InlineData(BlinkRate.OneHz, 0x85)]
    [InlineData(BlinkRate.HalfHz, 0x87)]
    public void Blink_rate_sets_display_setup_bits(BlinkRate rate, byte expected)
    {
        var (i2c, display) = Started();
        using var _ = display;
        i2c.Writes.Clear();
        display.SetBlinkRate(rate);
        Assert.Equal(expected, Assert.Single(i2c.Writes)[0]);
    }

    [Fact]
    public void Brightness_uses_the_16_dimming_levels_and_display_off_keeps_blink()
    {
        var (i2c, display) = Started();
        using var _ = display;
        display.SetBlinkRate(BlinkRate.OneHz);
        display.SetBrightness(0);
        display.SetDisplayOn(false);

        var chip = new Ht16k33Decoder();
        chip.Replay(i2c.Writes);
        Assert.Equal(0, chip.Dimming);
        Assert.False(chip.DisplayOn);
        Assert.Equal(0b10, chip.Blink);
        Assert.Throws<ArgumentOutOfRangeException>(() => display.SetBrightness(16));
    }

    [Fact]
    public void Default_address_is_0x70()
    {
        Assert.Equal(0x70, Ht16k33Segment.DefaultI2cAddress);
        Assert.Equal(0x70, Ht16k33Segment.CreateI2cSettings().DeviceAddress);
        Assert.Equal(1, Ht16k33Segment.CreateI2cSettings().BusId);
    }

    [Fact]
    public void Null_i2c_throws_ArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => new Ht16k33Segment(null!));
    }

    [Fact]
    public void Constructor_does_no_io_and_dispose_releases_the_i2c_device()
    {
        var i2c = new RecordingI2cDevice();
        var display = new Ht16k33Segment(i2c);
        display.Write("12:34");
        Assert.Empty(i2c.Writes);
        display.Dispose();
        Assert.True(i2c.IsDisposed);
        Assert.Throws<ObjectDisposedException>(display.Show);
    }

    [Fact]
    public void Unacknowledged_write_surfaces_as_IOException_with_the_address()
    {
        var i2c = new RecordingI2cDevice(0x71) { ThrowOnWrite = true };
        using var display = new Ht16k33Segment(i2c);

        var ex = Assert.Throws<IOException>(display.Init);
        Assert.Contains("0x71", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.InnerException);
    }
}
