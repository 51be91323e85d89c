// The usage snippet from src/Drivers/Button/README.md, kept here so it compiles with every build.
using System.Device.Gpio;
using EdgeCc.Drivers.Button;

namespace EdgeCc.Drivers.Tests.Button;

internal static class ButtonReadmeExample
{
    public static void Run(Action acknowledgeAlert, Action silenceBuzzer)
    {
        // README snippet begins
        using var gpio = new GpioController();
        using var ack = new GpioButton(gpio, pin: 26, TimeProvider.System, shouldDispose: false);
        ack.Pressed += (_, _) => acknowledgeAlert();     // short press: acknowledge
        ack.LongPressed += (_, _) => silenceBuzzer();    // hold 1 s: silence the buzzer
        ack.Init();
        // README snippet ends
    }
}
