using System.Drawing;
using EdgeCc.Drivers.Tests.Fakes;
using EdgeCc.Drivers.Ws2812;

namespace EdgeCc.Drivers.Tests.Ws2812;

public class Ws2812StripTests
{
    [Fact]
    public void Grb_strip_sends_green_red_blue_per_pixel_and_latch_gap_in_one_write()
    {
        var spi = new RecordingSpiDevice();
        using var strip = new Ws2812Strip(spi, 3, gamma: 1.0);
        strip.SetPixel(0, Color.FromArgb(0x12, 0x34, 0x56));
        strip.SetPixel(2, Color.FromArgb(255, 0, 128));

        strip.Show();

        var write = Assert.Single(spi.Writes);
        var frame = Ws2812Decoder.Decode(write, LedChip.Ws2812b, 3);
        Assert.Equal(3, frame.Pixels.Length);
        Assert.Equal(new byte[] { 0x34, 0x12, 0x56 }, frame.Pixels[0]);
        Assert.Equal(new byte[] { 0, 0, 0 }, frame.Pixels[1]);
        Assert.Equal(new byte[] { 0, 255, 128 }, frame.Pixels[2]);
        Assert.True(frame.LatchTime >= TimeSpan.FromMicroseconds(280), $"latch {frame.LatchTime}");
        Assert.All(write.AsSpan(write.Length - strip.LatchBytes).ToArray(), b => Assert.Equal(0, b));
    }

    [Theory]
    [InlineData(LedChip.Ws2812b)]
    [InlineData(LedChip.Sk6812)]
    public void Every_data_bit_pulse_is_within_the_chip_datasheet_limits(LedChip chip)
    {
        var spi = new RecordingSpiDevice();
        using var strip = new Ws2812Strip(spi, 256, chip, gamma: 1.0);
        for (int i = 0; i < 256; i++)
        {
            strip.SetPixel(i, Color.FromArgb(i, 255 - i, i ^ 0x5A));
        }

        strip.Show();

        var frame = Ws2812Decoder.Decode(spi.Writes[0], chip, 3);
        for (int i = 0; i < 256; i++)
        {
            Assert.Equal(new[] { (byte)(255 - i), (byte)i, (byte)(i ^ 0x5A) }, frame.Pixels[i]);
        }
    }

    [Fact]
    public void Sk6812_rgbw_sends_four_channels_and_a_latch_of_at_least_80_us()
    {
        var spi = new RecordingSpiDevice();
        using var strip = new Ws2812Strip(spi, 2, LedChip.Sk6812, ColorOrder.Grbw, gamma: 1.0);
        strip.SetPixel(0, Color.FromArgb(10, 20, 30), white: 200);
        strip.SetPixel(1, Color.Red);

        strip.Show();

        var frame = Ws2812Decoder.Decode(spi.Writes[0], LedChip.Sk6812, 4);
        Assert.Equal(new byte[] { 20, 10, 30, 200 }, frame.Pixels[0]);
        Assert.Equal(new byte[] { 0, 255, 0, 0 }, frame.Pixels[1]);
        Assert.True(frame.LatchTime >= TimeSpan.FromMicroseconds(80));
        Assert.True(frame.LatchTime < TimeSpan.FromMicroseconds(280), "SK6812 should not pay the WS2812B latch");
    }

    [Fact]
    public void Rgb_order_sends_red_first()
    {
        var spi = new RecordingSpiDevice();
        using var strip = new Ws2812Strip(spi, 1, order: ColorOrder.Rgb, gamma: 1.0);
        strip.SetPixel(0, Color.FromArgb(1, 2, 3));
        strip.Show();

        Assert.Equal(new byte[] { 1, 2, 3 }, Ws2812Decoder.Decode(spi.Writes[0], LedChip.Ws2812b, 3).Pixels[0]);
    }

    [Fact]
    public void Brightness_then_gamma_scale_the_sent_levels()
    {
        var spi = new RecordingSpiDevice();
        using var strip = new Ws2812Strip(spi, 1);
        strip.SetPixel(0, Color.FromArgb(255, 128, 0));
        strip.Brightness = 128;
        strip.Show();

        var pixel = Ws2812Decoder.Decode(spi.Writes[0], LedChip.Ws2812b, 3).Pixels[0];
        byte Expected(int v) => (byte)Math.Round(255 * Math.Pow(v * 128 / (255.0 * 255.0), Ws2812Strip.DefaultGamma));
        Assert.Equal(new[] { Expected(128), Expected(255), (byte)0 }, pixel);
        Assert.Equal(Color.FromArgb(255, 128, 0), strip.GetPixel(0));
    }

    [Fact]
    public void Gamma_keeps_full_scale_and_darkens_mid_levels()
    {
        var spi = new RecordingSpiDevice();
        using var strip = new Ws2812Strip(spi, 1);
        strip.SetPixel(0, Color.FromArgb(255, 128, 1));
        strip.Show();

        var pixel = Ws2812Decoder.Decode(spi.Writes[0], LedChip.Ws2812b, 3).Pixels[0];
        Assert.Equal(255, pixel[1]);
        Assert.InRange(pixel[0], 30, 40);
        Assert.Equal(0, pixel[2]);
    }

    [Fact]
    public void Long_strip_of_600_desks_goes_out_in_one_write_of_pixels_plus_latch()
    {
        var spi = new RecordingSpiDevice();
        using var strip = new Ws2812Strip(spi, 600);
        strip.SetPixel(599, Color.Blue);
        strip.Show();

        var write = Assert.Single(spi.Writes);
        Assert.Equal((600 * 3 * 8) + strip.LatchBytes, write.Length);
        Assert.Equal(write.Length, strip.BufferLength);
        Assert.Equal(new byte[] { 0, 0, 255 }, Ws2812Decoder.Decode(write, LedChip.Ws2812b, 3).Pixels[599]);
    }

    [Fact]
    public void Clear_blacks_out_every_pixel()
    {
        var spi = new RecordingSpiDevice();
        using var strip = new Ws2812Strip(spi, 4);
        strip.SetPixel(1, Color.White);
        strip.Clear();
        strip.Show();

        Assert.All(Ws2812Decoder.Decode(spi.Writes[0], LedChip.Ws2812b, 3).Pixels, p => Assert.Equal(new byte[3], p));
    }

    [Fact]
    public void Null_spi_throws_ArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => new Ws2812Strip(null!, 10));
    }

    [Fact]
    public void Constructor_and_SetPixel_do_no_io()
    {
        var spi = new RecordingSpiDevice();
        using var strip = new Ws2812Strip(spi, 10);
        strip.SetPixel(3, Color.Green);
        Assert.Empty(spi.Writes);
    }

    [Fact]
    public void Pixel_index_outside_the_strip_throws()
    {
        using var strip = new Ws2812Strip(new RecordingSpiDevice(), 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => strip.SetPixel(10, Color.Red));
        Assert.Throws<ArgumentOutOfRangeException>(() => strip.SetPixel(-1, Color.Red));
    }

    [Fact]
    public void Dispose_disposes_the_owned_spi_device()
    {
        var spi = new RecordingSpiDevice();
        var strip = new Ws2812Strip(spi, 10);
        strip.Dispose();
        Assert.True(spi.IsDisposed);
        Assert.Throws<ObjectDisposedException>(strip.Show);
    }

    [Fact]
    public void Spi_write_failure_surfaces_as_IOException_naming_the_buffer_size()
    {
        var spi = new RecordingSpiDevice { ThrowOnWrite = true };
        using var strip = new Ws2812Strip(spi, 300);

        var ex = Assert.Throws<IOException>(strip.Show);
        Assert.Contains("spidev.bufsiz", ex.Message, StringComparison.Ordinal);
        Assert.Contains(strip.BufferLength.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
        Assert.IsType<IOException>(ex.InnerException);
    }

    [Fact]
    public void Spi_settings_ask_for_6_4_MHz_mode_0()
    {
        var settings = Ws2812Strip.CreateSpiSettings(0, 1);
        Assert.Equal(6_400_000, settings.ClockFrequency);
        Assert.Equal(System.Device.Spi.SpiMode.Mode0, settings.Mode);
        Assert.Equal(1, settings.ChipSelectLine);
    }
}
