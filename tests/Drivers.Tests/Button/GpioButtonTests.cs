using System.Device.Gpio;
using EdgeCc.Drivers.Button;
using EdgeCc.Drivers.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCc.Drivers.Tests.Button;

public class GpioButtonTests
{
    private const int Pin = 26;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingGpioDriver _driver;
    private readonly DateTimeOffset _start;
    private readonly List<(string Event, double Ms)> _events = [];

    public GpioButtonTests()
    {
        _driver = new RecordingGpioDriver(_time);
        _driver.SetInput(Pin, PinValue.High); // pulled up, not pressed
        _start = _time.GetUtcNow();
    }

    private GpioButton Started(bool shouldDispose = true, GpioController? gpio = null)
    {
        var button = new GpioButton(gpio ?? new GpioController(_driver), Pin, _time, shouldDispose: shouldDispose);
        button.Pressed += (_, _) => _events.Add(("press", Now()));
        button.LongPressed += (_, _) => _events.Add(("long", Now()));
        button.Init();
        return button;
    }

    private double Now() => (_time.GetUtcNow() - _start).TotalMilliseconds;

    /// <summary>Plays pin levels at given milliseconds, advancing the fake clock 1 ms at a time, then runs to <paramref name="endMs"/>.</summary>
    private void Script(int endMs, params (int Ms, char Level)[] steps)
    {
        int i = 0;
        for (int ms = 0; ms <= endMs; ms++)
        {
            while (i < steps.Length && steps[i].Ms == ms)
            {
                _driver.SetInput(Pin, steps[i].Level == 'L' ? PinValue.Low : PinValue.High);
                i++;
            }

            if (ms < endMs)
            {
                _time.Advance(TimeSpan.FromMilliseconds(1));
            }
        }
    }

    [Fact]
    public void Bouncy_short_press_gives_one_press_on_release()
    {
        using var button = Started();
        Script(
            600,
            (100, 'L'), (102, 'H'), (103, 'L'), (106, 'H'), (107, 'L'),   // contact bounce going down
            (400, 'H'), (401, 'L'), (403, 'H'));                            // and coming up

        Assert.Equal([("press", 433.0)], _events);
        Assert.False(button.IsPressed);
    }

    [Fact]
    public void Debounced_state_follows_the_contact_30_ms_after_the_last_bounce()
    {
        using var button = Started();
        Script(136, (100, 'L'), (102, 'H'), (106, 'L'));
        Assert.True(button.IsPressed);

        using var button2 = new DebouncedButton(_time);
        Assert.Equal(TimeSpan.FromMilliseconds(30), button2.DebounceTime);
    }

    [Fact]
    public void Glitch_shorter_than_debounce_time_is_ignored()
    {
        using var button = Started();
        Script(500, (100, 'L'), (110, 'H'), (200, 'L'), (229, 'H'));
        Assert.Empty(_events);
        Assert.False(button.IsPressed);
    }

    [Fact]
    public void Holding_one_second_raises_long_press_while_held_and_no_press_on_release()
    {
        using var button = Started();
        Script(2000, (100, 'L'), (1800, 'H'));

        Assert.Equal([("long", 1130.0)], _events);
    }

    [Fact]
    public void Two_presses_give_two_events()
    {
        using var button = Started();
        Script(1000, (100, 'L'), (200, 'H'), (500, 'L'), (600, 'H'));
        Assert.Equal([("press", 230.0), ("press", 630.0)], _events);
    }

    [Fact]
    public void Button_held_at_start_is_not_a_press_until_released_and_pressed_again()
    {
        _driver.SetInput(Pin, PinValue.Low);
        using var button = Started();
        Assert.True(button.IsPressed);

        Script(3000, (1500, 'H'), (2000, 'L'), (2100, 'H'));

        Assert.Equal([("press", 2130.0)], _events);
    }

    [Fact]
    public void Init_opens_the_pin_as_input_with_pull_up_for_active_low()
    {
        using var button = Started();
        Assert.Equal(PinMode.InputPullUp, _driver.Mode(Pin));
        Assert.Equal(1, _driver.CallbackCount(Pin));
    }

    [Fact]
    public void Null_controller_throws_and_constructor_touches_no_pin()
    {
        Assert.Throws<ArgumentNullException>(() => new GpioButton(null!, Pin));
        using var button = new GpioButton(new GpioController(_driver), Pin, _time);
        Assert.Empty(_driver.OpenPins);
    }

    [Fact]
    public void Dispose_with_shared_controller_closes_only_its_pin_and_stops_events()
    {
        using var shared = new GpioController(_driver);
        shared.OpenPin(5, PinMode.Output);
        var button = Started(shouldDispose: false, gpio: shared);
        Script(50, (10, 'L'));

        button.Dispose();
        Script(3000, (100, 'H'));

        Assert.Empty(_events);
        Assert.Equal([Pin], _driver.ClosedPins);
        Assert.Contains(5, _driver.OpenPins);
        Assert.False(_driver.IsDisposed);
    }

    [Fact]
    public void Dispose_with_owned_controller_disposes_the_driver()
    {
        var button = Started();
        button.Dispose();
        Assert.True(_driver.IsDisposed);
    }

    [Fact]
    public void Pin_read_failure_in_Init_surfaces_as_IOException()
    {
        _driver.ThrowOnReadPins.Add(Pin);
        using var button = new GpioButton(new GpioController(_driver), Pin, _time);
        var ex = Assert.Throws<IOException>(button.Init);
        Assert.Contains("GPIO26", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Logic_alone_works_without_pins()
    {
        using var logic = new DebouncedButton(_time, TimeSpan.Zero, TimeSpan.FromMilliseconds(500));
        int presses = 0;
        logic.Pressed += (_, _) => presses++;
        logic.OnRawChanged(true);
        logic.OnRawChanged(false);
        Assert.Equal(1, presses);
    }
}
