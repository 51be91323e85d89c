using System.Device.Gpio;
using EdgeCc.Drivers.StackLight;
using EdgeCc.Drivers.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCc.Drivers.Tests.StackLight;

public class GpioStackLightTests
{
    private const int Red = 17, Amber = 27, Green = 22, Buzzer = 23;
    private static readonly StackLightPins Pins = new(Red, Amber, Green, Buzzer);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingGpioDriver _driver;
    private readonly DateTimeOffset _start;

    public GpioStackLightTests()
    {
        _driver = new RecordingGpioDriver(_time);
        _start = _time.GetUtcNow();
    }

    private GpioStackLight Started(bool activeLow = false, bool shouldDispose = true)
    {
        var light = new GpioStackLight(new GpioController(_driver), Pins, _time, activeLow, shouldDispose);
        light.Init();
        return light;
    }

    /// <summary>
    /// Advances one timer tick at a time: FakeTimeProvider moves the clock to the end of an Advance before firing
    /// the timers due in it, so only tick-sized steps give each level change its own timestamp.
    /// </summary>
    private void Step(int ticks)
    {
        for (int i = 0; i < ticks; i++)
        {
            _time.Advance(GpioStackLight.Tick);
        }
    }

    /// <summary>Level changes of one pin as (milliseconds since start, level), dropping repeats.</summary>
    private List<(double Ms, PinValue Level)> Timeline(int pin)
    {
        var result = new List<(double, PinValue)>();
        PinValue? last = null;
        foreach (var w in _driver.Writes.Where(w => w.Pin == pin))
        {
            if (last != w.Level)
            {
                result.Add(((w.At - _start).TotalMilliseconds, w.Level));
                last = w.Level;
            }
        }

        return result;
    }

    [Fact]
    public void Init_opens_every_relay_pin_as_output_at_off_level()
    {
        using var light = Started();
        foreach (int pin in new[] { Red, Amber, Green, Buzzer })
        {
            Assert.Equal(PinMode.Output, _driver.Mode(pin));
            Assert.Equal([(0.0, PinValue.Low)], Timeline(pin));
        }
    }

    [Fact]
    public void Active_low_relays_start_high_and_steady_pulls_the_pin_low()
    {
        using var light = Started(activeLow: true);
        Assert.Equal(PinValue.High, _driver.Level(Red));

        light.Set(StackLamp.Red, LampPattern.Steady);

        Assert.Equal(PinValue.Low, _driver.Level(Red));
        Assert.True(light.IsLit(StackLamp.Red));
    }

    [Fact]
    public void Blink_toggles_every_500_ms_starting_on()
    {
        using var light = Started();
        _time.Advance(TimeSpan.FromMilliseconds(40));
        light.Set(StackLamp.Amber, LampPattern.Blink);
        Step(20);

        Assert.Equal(
            [(0.0, PinValue.Low), (40, PinValue.High), (540, PinValue.Low), (1040, PinValue.High), (1540, PinValue.Low), (2040, PinValue.High), (2540, PinValue.Low)],
            Timeline(Amber));
    }

    [Fact]
    public void Flash_toggles_every_125_ms_and_steady_lamps_do_not_flicker()
    {
        using var light = Started();
        light.Set(StackLamp.Green, LampPattern.Steady);
        light.Set(StackLamp.Red, LampPattern.Flash);
        Step(4);

        Assert.Equal(
            [(0.0, PinValue.Low), (0.0, PinValue.High), (125, PinValue.Low), (250, PinValue.High), (375, PinValue.Low), (500, PinValue.High)],
            Timeline(Red));
        Assert.Equal([(0.0, PinValue.Low), (0.0, PinValue.High)], Timeline(Green));
    }

    [Fact]
    public void Timer_stops_when_no_lamp_blinks()
    {
        using var light = Started();
        light.Set(StackLamp.Buzzer, LampPattern.Blink);
        Step(2);
        light.Set(StackLamp.Buzzer, LampPattern.Off);
        int writes = _driver.Writes.Count;

        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(writes, _driver.Writes.Count);
        Assert.Equal(PinValue.Low, _driver.Level(Buzzer));
    }

    [Fact]
    public void Missing_buzzer_pin_keeps_the_pattern_but_drives_nothing()
    {
        var light = new GpioStackLight(new GpioController(_driver), new StackLightPins(Red, Amber, Green), _time);
        light.Init();
        light.Set(StackLamp.Buzzer, LampPattern.Steady);
        Assert.Equal(LampPattern.Steady, light.GetPattern(StackLamp.Buzzer));
        Assert.DoesNotContain(_driver.Writes, w => w.Pin == Buzzer);
        light.Dispose();
    }

    [Fact]
    public void Set_before_Init_throws()
    {
        using var light = new GpioStackLight(new GpioController(_driver), Pins, _time);
        Assert.Throws<InvalidOperationException>(() => light.Set(StackLamp.Red, LampPattern.Steady));
    }

    [Fact]
    public void Null_controller_throws_ArgumentNullException_and_constructor_opens_nothing()
    {
        Assert.Throws<ArgumentNullException>(() => new GpioStackLight(null!, Pins, _time));
        using var light = new GpioStackLight(new GpioController(_driver), Pins, _time);
        Assert.Empty(_driver.OpenPins);
        Assert.Empty(_driver.Writes);
    }

    [Fact]
    public void Dispose_switches_everything_off_and_closes_only_own_pins_when_controller_is_shared()
    {
        using var shared = new GpioController(_driver);
        shared.OpenPin(5, PinMode.Input); // another driver's pin
        var light = new GpioStackLight(shared, Pins, _time, shouldDispose: false);
        light.Init();
        light.Set(StackLamp.Red, LampPattern.Steady);
        light.Set(StackLamp.Amber, LampPattern.Blink);

        light.Dispose();

        Assert.Equal(PinValue.Low, _driver.Level(Red));
        Assert.Equal(PinValue.Low, _driver.Level(Amber));
        Assert.Equal(new[] { Red, Amber, Green, Buzzer }.Order(), _driver.ClosedPins.Order());
        Assert.Contains(5, _driver.OpenPins);
        Assert.False(_driver.IsDisposed);
        int writes = _driver.Writes.Count;
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(writes, _driver.Writes.Count);
    }

    [Fact]
    public void Dispose_with_owned_controller_disposes_the_driver()
    {
        var light = Started(shouldDispose: true);
        light.Dispose();
        Assert.True(_driver.IsDisposed);
    }

    [Fact]
    public void Relay_write_failure_surfaces_as_IOException_naming_the_lamp_and_pin()
    {
        using var light = Started();
        _driver.ThrowOnWritePins.Add(Green);

        var ex = Assert.Throws<IOException>(() => light.Set(StackLamp.Green, LampPattern.Steady));
        Assert.Contains("Green", ex.Message, StringComparison.Ordinal);
        Assert.Contains("GPIO22", ex.Message, StringComparison.Ordinal);
        Assert.False(light.IsLit(StackLamp.Green));
    }

    [Fact]
    public void Blink_timer_write_failure_is_counted_not_thrown()
    {
        using var light = Started();
        light.Set(StackLamp.Red, LampPattern.Flash);
        _driver.ThrowOnWritePins.Add(Red);
        Step(3); // off fails, on is a no-op (the pin never went off), off fails again
        Assert.Equal(2, light.TimerWriteFailures);
    }
}
