// The usage snippet from src/Drivers/Ht16k33/README.md, kept here so it compiles with every build.
using System.Device.I2c;
using EdgeCc.Drivers.Ht16k33;

namespace EdgeCc.Drivers.Tests.Ht16k33;

internal static class Ht16k33ReadmeExample
{
    public static void Run(int callsWaiting, TimeSpan longestWait)
    {
        // README snippet begins
        using var waiting = new Ht16k33Segment(I2cDevice.Create(Ht16k33Segment.CreateI2cSettings(busId: 1, address: 0x70)));
        using var longest = new Ht16k33Segment(I2cDevice.Create(Ht16k33Segment.CreateI2cSettings(busId: 1, address: 0x71)));
        waiting.Init();
        longest.Init();
        longest.SetBrightness(8);

        waiting.Write(SegmentText.Count(callsWaiting));            // "  12"
        waiting.Show();
        longest.Write(SegmentText.MinutesSeconds(longestWait));    // " 3:07"
        longest.Show();
        longest.SetBlinkRate(longestWait > TimeSpan.FromMinutes(5) ? BlinkRate.OneHz : BlinkRate.Off);
        // README snippet ends
    }
}
