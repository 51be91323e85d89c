// The usage snippet from src/Drivers/Max7219/README.md, kept here so it compiles with every build.
using System.Device.Spi;
using EdgeCc.Drivers.Max7219;

namespace EdgeCc.Drivers.Tests.Max7219;

internal static class Max7219ReadmeExample
{
    public static void Run()
    {
        // README snippet begins
        using var matrix = new Max7219Matrix(
            SpiDevice.Create(Max7219Matrix.CreateSpiSettings(busId: 0, chipSelectLine: 0)),
            cascaded: 4,
            firstModuleOnRight: true);
        matrix.Init();                                   // scan limit, no decode, intensity, test off, run
        matrix.SetIntensity(3);

        matrix.Clear();
        MatrixFont.Draw(matrix, "Q:12", x: 4);           // static text
        matrix.Show();

        var ticker = new ScrollingText(matrix, "3 CALLS WAITING");
        for (int i = 0; i < ticker.CycleLength; i++)
        {
            ticker.Step();                               // call from your own timer, e.g. every 40 ms
        }
        // README snippet ends
    }
}
