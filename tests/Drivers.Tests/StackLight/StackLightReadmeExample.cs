// The usage snippet from src/Drivers/StackLight/README.md, kept here so it compiles with every build.
using System.Device.Gpio;
using EdgeCc.Drivers.StackLight;

namespace EdgeCc.Drivers.Tests.StackLight;

internal static class StackLightReadmeExample
{
    public static void Run()
    {
        // README snippet begins
        using var gpio = new GpioController();
        using var tower = new GpioStackLight(
            gpio,
            new StackLightPins(Red: 17, Amber: 27, Green: 22, Buzzer: 23),
            TimeProvider.System,
            activeLow: true,          // opto relay boards switch on a low input
            shouldDispose: false);    // the controller is shared with the buttons
        tower.Init();                 // opens the pins already at the "off" level
        tower.Set(StackLamp.Green, LampPattern.Steady);
        tower.Set(StackLamp.Amber, LampPattern.Blink);   // queue above threshold
        tower.Set(StackLamp.Red, LampPattern.Flash);     // escalation on the floor
        // README snippet ends
    }
}
