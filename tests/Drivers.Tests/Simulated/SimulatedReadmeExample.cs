// The usage snippet from src/Drivers/Simulated/README.md, kept here so it compiles with every build.
using System.Drawing;
using EdgeCc.Drivers.Ht16k33;
using EdgeCc.Drivers.Max7219;
using EdgeCc.Drivers.Simulated;
using EdgeCc.Drivers.StackLight;
using EdgeCc.Drivers.Ws2812;

namespace EdgeCc.Drivers.Tests.Simulated;

internal static class SimulatedReadmeExample
{
    public static void Run()
    {
        // README snippet begins
        IPixelStrip strip = new SimulatedPixelStrip(40, Console.Out);          // ANSI colour blocks
        IMatrixDisplay wallboard = new SimulatedMatrixDisplay(32, 8, Console.Out);
        ISegmentDisplay waiting = new SimulatedSegmentDisplay(4, Console.Out);
        IStackLight tower = new SimulatedStackLight(Console.Out);

        strip.SetPixel(14, Color.Red);
        strip.Show();
        MatrixFont.Draw(wallboard, "Q:3", 0);
        wallboard.Show();
        waiting.Write(SegmentText.Count(3));
        waiting.Show();
        tower.Set(StackLamp.Amber, LampPattern.Blink);
        // README snippet ends
    }
}
