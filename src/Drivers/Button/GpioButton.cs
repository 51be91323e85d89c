using System.Device.Gpio;

namespace EdgeCc.Drivers.Button;

/// <summary>
/// A push button on one GPIO input: the pin side (open, pull resistor, edge callbacks) around a
/// <see cref="DebouncedButton"/> that holds the logic.
/// </summary>
public sealed class GpioButton : IButton, IDisposable
{
    private readonly GpioController _gpio;
    private readonly int _pin;
    private readonly bool _activeLow;
    private readonly bool _usePullResistor;
    private readonly bool _shouldDispose;
    private readonly TimeProvider? _time;
    private readonly TimeSpan? _debounceTime;
    private readonly TimeSpan? _longPressTime;
    private DebouncedButton? _logic;
    private EventHandler? _pressed;
    private EventHandler? _longPressed;
    private bool _disposed;

    /// <summary>Creates the button. No I/O until <see cref="Init"/>.</summary>
    /// <param name="gpio">GPIO controller, possibly shared with other drivers.</param>
    /// <param name="pin">BCM GPIO number.</param>
    /// <param name="timeProvider">Clock for debounce and long press; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="activeLow">True when the button shorts the pin to GND (the usual wiring with a pull-up).</param>
    /// <param name="usePullResistor">Enable the SoC's internal pull-up (active-low) or pull-down (active-high).</param>
    /// <param name="debounceTime">Settle time; <see cref="DebouncedButton.DefaultDebounceTime"/> when null.</param>
    /// <param name="longPressTime">Hold time; <see cref="DebouncedButton.DefaultLongPressTime"/> when null.</param>
    /// <param name="shouldDispose">True to dispose <paramref name="gpio"/> with the button; false to close only its pin.</param>
    public GpioButton(
        GpioController gpio,
        int pin,
        TimeProvider? timeProvider = null,
        bool activeLow = true,
        bool usePullResistor = true,
        TimeSpan? debounceTime = null,
        TimeSpan? longPressTime = null,
        bool shouldDispose = true)
    {
        ArgumentNullException.ThrowIfNull(gpio);
        ArgumentOutOfRangeException.ThrowIfNegative(pin);
        _gpio = gpio;
        _pin = pin;
        _time = timeProvider;
        _activeLow = activeLow;
        _usePullResistor = usePullResistor;
        _debounceTime = debounceTime;
        _longPressTime = longPressTime;
        _shouldDispose = shouldDispose;
    }

    /// <inheritdoc />
    public event EventHandler? Pressed
    {
        add => _pressed += value;
        remove => _pressed -= value;
    }

    /// <inheritdoc />
    public event EventHandler? LongPressed
    {
        add => _longPressed += value;
        remove => _longPressed -= value;
    }

    /// <summary>BCM GPIO number of the button.</summary>
    public int Pin => _pin;

    /// <inheritdoc />
    public bool IsPressed => _logic?.IsPressed ?? false;

    /// <summary>Opens the pin as an input, reads its current level and subscribes to both edges.</summary>
    /// <exception cref="IOException">The pin could not be opened or read.</exception>
    public void Init()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_logic is not null)
        {
            return;
        }

        PinMode mode = !_usePullResistor ? PinMode.Input : _activeLow ? PinMode.InputPullUp : PinMode.InputPullDown;
        bool pressedNow;
        try
        {
            _gpio.OpenPin(_pin, mode);
            pressedNow = (_gpio.Read(_pin) == PinValue.Low) == _activeLow;
        }
        catch (IOException ex)
        {
            throw new IOException($"Button on GPIO{_pin}: opening or reading the pin failed; check the pin number and the gpio group.", ex);
        }

        _logic = new DebouncedButton(_time, _debounceTime, _longPressTime, pressedNow);
        _logic.Pressed += (_, e) => _pressed?.Invoke(this, e);
        _logic.LongPressed += (_, e) => _longPressed?.Invoke(this, e);
        _gpio.RegisterCallbackForPinValueChangedEvent(_pin, PinEventTypes.Falling | PinEventTypes.Rising, OnEdge);
    }

    /// <summary>Unsubscribes, stops the logic's timers and closes the pin (or disposes the controller when owned).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_logic is not null)
        {
            _gpio.UnregisterCallbackForPinValueChangedEvent(_pin, OnEdge);
            _logic.Dispose();
        }

        if (_shouldDispose)
        {
            _gpio.Dispose();
        }
        else if (_logic is not null)
        {
            _gpio.ClosePin(_pin);
        }
    }

    private void OnEdge(object sender, PinValueChangedEventArgs args)
    {
        bool low = args.ChangeType == PinEventTypes.Falling;
        _logic?.OnRawChanged(low == _activeLow);
    }
}
