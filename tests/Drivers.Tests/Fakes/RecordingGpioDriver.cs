using System.Device.Gpio;

namespace EdgeCc.Drivers.Tests.Fakes;

/// <summary>
/// A GPIO driver that keeps output levels with timestamps from a (fake) <see cref="TimeProvider"/> and lets a
/// test drive input levels, raising the edge callbacks a real driver would.
/// </summary>
public sealed class RecordingGpioDriver : GpioDriver
{
    private readonly TimeProvider _time;
    private readonly Dictionary<int, PinMode> _modes = [];
    private readonly Dictionary<int, PinValue> _levels = [];
    private readonly Dictionary<int, List<(PinEventTypes Types, PinChangeEventHandler Handler)>> _callbacks = [];

    public RecordingGpioDriver(TimeProvider time)
    {
        _time = time;
    }

    public record struct LevelChange(int Pin, PinValue Level, DateTimeOffset At);

    /// <summary>Every output write, in order (including writes that repeat the current level).</summary>
    public List<LevelChange> Writes { get; } = [];

    public HashSet<int> OpenPins { get; } = [];

    public List<int> ClosedPins { get; } = [];

    public HashSet<int> ThrowOnWritePins { get; } = [];

    public HashSet<int> ThrowOnReadPins { get; } = [];

    public bool IsDisposed { get; private set; }

    public PinValue Level(int pin) => _levels.TryGetValue(pin, out var v) ? v : PinValue.Low;

    public PinMode Mode(int pin) => _modes[pin];

    /// <summary>Sets an input level as the outside world would and raises matching edge callbacks.</summary>
    public void SetInput(int pin, PinValue level)
    {
        PinValue old = Level(pin);
        _levels[pin] = level;
        if (old == level || !_callbacks.TryGetValue(pin, out var list))
        {
            return;
        }

        PinEventTypes edge = level == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
        foreach (var (types, handler) in list.ToArray())
        {
            if ((types & edge) != 0)
            {
                handler(this, new PinValueChangedEventArgs(edge, pin));
            }
        }
    }

    public int CallbackCount(int pin) => _callbacks.TryGetValue(pin, out var list) ? list.Count : 0;

    protected override int PinCount => 28;

    protected override void OpenPin(int pinNumber)
    {
        OpenPins.Add(pinNumber);
    }

    protected override void ClosePin(int pinNumber)
    {
        OpenPins.Remove(pinNumber);
        ClosedPins.Add(pinNumber);
        _callbacks.Remove(pinNumber);
    }

    protected override void SetPinMode(int pinNumber, PinMode mode) => _modes[pinNumber] = mode;

    protected override void SetPinMode(int pinNumber, PinMode mode, PinValue initialValue)
    {
        _modes[pinNumber] = mode;
        if (mode == PinMode.Output)
        {
            Record(pinNumber, initialValue);
        }
    }

    protected override PinMode GetPinMode(int pinNumber) => _modes.TryGetValue(pinNumber, out var m) ? m : PinMode.Input;

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

    protected override PinValue Read(int pinNumber) =>
        ThrowOnReadPins.Contains(pinNumber) ? throw new IOException($"fake GPIO: read of pin {pinNumber} failed") : Level(pinNumber);

    protected override void Write(int pinNumber, PinValue value)
    {
        if (ThrowOnWritePins.Contains(pinNumber))
        {
            throw new IOException($"fake GPIO: write to pin {pinNumber} failed");
        }

        Record(pinNumber, value);
    }

    protected override void Toggle(int pinNumber) => Write(pinNumber, !Level(pinNumber));

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        if (!_callbacks.TryGetValue(pinNumber, out var list))
        {
            list = [];
            _callbacks[pinNumber] = list;
        }

        list.Add((eventTypes, callback));
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        if (_callbacks.TryGetValue(pinNumber, out var list))
        {
            list.RemoveAll(c => c.Handler == callback);
        }
    }

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        base.Dispose(disposing);
    }

    private void Record(int pin, PinValue value)
    {
        _levels[pin] = value;
        Writes.Add(new LevelChange(pin, value, _time.GetUtcNow()));
    }
}
