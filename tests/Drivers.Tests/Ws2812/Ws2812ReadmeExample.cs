// The usage snippet from src/Drivers/Ws2812/README.md, kept here so it compiles with every build.
using System.Device.Spi;
using System.Drawing;
using EdgeCc.Drivers.Ws2812;

namespace EdgeCc.Drivers.Tests.Ws2812;

internal static class Ws2812ReadmeExample
{
    public static void Run()
    {
        // README snippet begins
        using var strip = new Ws2812Strip(
            SpiDevice.Create(Ws2812Strip.CreateSpiSettings(busId: 0, chipSelectLine: 0)),
            count: 240,
            chip: LedChip.Ws2812b,
            order: ColorOrder.Grb);
        strip.Brightness = 96;            // floor lights at night do not need full power
        strip.SetPixel(14, Color.Red);    // desk 14 has an escalation
        strip.SetPixel(15, Color.Green);
        strip.Show();                     // one SPI write: 240 * 24 bytes + 240 latch bytes
        // README snippet ends
    }
}
