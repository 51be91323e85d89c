using System.Device.Gpio;

namespace EdgeCc.Drivers.StackLight;

/// <summary>
/// A signal tower on GPIO-driven relays. Blink and flash are timed by one timer from the
/// <see cref="TimeProvider"/>, ticking every <see cref="Tick"/> only while some lamp blinks; pins are written only
/// when their level changes. Thread-safe: the floor sets patterns while the timer toggles outputs.
/// </summary>
public sealed class GpioStackLight : IStackLight, IDisposable
{
    /// <summary>Timer period: the flash half-period; a blink half-period is 4 ticks.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(125);

    private const int TicksPerBlinkHalf = 4;
    private const int LampCount = 4;

    private readonly GpioController _gpio;
    private readonly StackLightPins _pins;
    private readonly TimeProvider _time;
    private readonly bool _activeLow;
    private readonly bool _shouldDispose;
    private readonly LampPattern[] _patterns = new LampPattern[LampCount];
    private readonly bool[] _lit = new bool[LampCount];
    private readonly List<int> _openedPins = [];
    private readonly Lock _lock = new();
    private ITimer? _timer;
    private bool _timerRunning;
    private long _tick;
    private bool _initialized;
    private bool _disposed;
    private long _timerWriteFailures;

    /// <summary>Creates the tower. No I/O until <see cref="Init"/>.</summary>
    /// <param name="gpio">GPIO controller, possibly shared with other drivers.</param>
    /// <param name="pins">Relay input pins (BCM numbers).</param>
    /// <param name="timeProvider">Clock for blink timing; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="activeLow">True for relay boards that switch on when their input is pulled low (most opto boards).</param>
    /// <param name="shouldDispose">True to dispose <paramref name="gpio"/> with this object; false to close only this tower's pins.</param>
    public GpioStackLight(GpioController gpio, StackLightPins pins, TimeProvider? timeProvider = null, bool activeLow = false, bool shouldDispose = true)
    {
        ArgumentNullException.ThrowIfNull(gpio);
        ArgumentNullException.ThrowIfNull(pins);
        _gpio = gpio;
        _pins = pins;
        _time = timeProvider ?? TimeProvider.System;
        _activeLow = activeLow;
        _shouldDispose = shouldDispose;
    }

    /// <summary>Opens every fitted pin as an output already at the "off" level, so no relay clicks on start.</summary>
    /// <exception cref="IOException">A pin could not be opened or written.</exception>
    public void Init()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_initialized)
            {
                return;
            }

            foreach (StackLamp lamp in Enum.GetValues<StackLamp>())
            {
                if (_pins.PinOf(lamp) is int pin)
                {
                    _gpio.OpenPin(pin, PinMode.Output, Level(false));
                    _openedPins.Add(pin);
                }
            }

            _timer = _time.CreateTimer(static state => ((GpioStackLight)state!).OnTick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _initialized = true;
        }
    }

    /// <inheritdoc />
    /// <remarks>A lamp whose pin is not fitted keeps its pattern but drives nothing.</remarks>
    /// <exception cref="InvalidOperationException"><see cref="Init"/> was not called.</exception>
    /// <exception cref="IOException">Writing a relay pin failed.</exception>
    public void Set(StackLamp lamp, LampPattern pattern)
    {
        CheckLamp(lamp);

        if (!Enum.IsDefined(pattern))
        {
            throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "Unknown pattern.");
        }

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_initialized)
            {
                throw new InvalidOperationException("Call Init() before setting lamps.");
            }

            _patterns[(int)lamp] = pattern;
            bool anyTimed = AnyTimed();
            if (anyTimed && !_timerRunning)
            {
                // A fresh blink starts "on" now, so a new alert is visible without waiting for a phase.
                _tick = 0;
                _timer!.Change(Tick, Tick);
                _timerRunning = true;
            }
            else if (!anyTimed && _timerRunning)
            {
                _timer!.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _timerRunning = false;
            }

            Apply(lamp);
        }
    }

    /// <inheritdoc />
    public LampPattern GetPattern(StackLamp lamp)
    {
        CheckLamp(lamp);
        lock (_lock)
        {
            return _patterns[(int)lamp];
        }
    }

    /// <summary>Whether a lamp's output is energised right now (the instantaneous state of a blink).</summary>
    public bool IsLit(StackLamp lamp)
    {
        CheckLamp(lamp);
        lock (_lock)
        {
            return _lit[(int)lamp];
        }
    }

    /// <summary>Pin writes from the blink timer that failed (they cannot throw to a caller).</summary>
    public long TimerWriteFailures => Interlocked.Read(ref _timerWriteFailures);

    /// <summary>Stops the timer, switches every output off and releases the pins (or the controller when owned).</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer?.Dispose();
            _timerRunning = false;
            try
            {
                // A buzzer left sounding after the service stops is worse than a failed write here.
                foreach (StackLamp lamp in Enum.GetValues<StackLamp>())
                {
                    _patterns[(int)lamp] = LampPattern.Off;
                    if (_initialized)
                    {
                        Apply(lamp);
                    }
                }
            }
            catch (IOException)
            {
                // Disposing must not throw; the pins are released below regardless.
            }

            if (_shouldDispose)
            {
                _gpio.Dispose();
            }
            else
            {
                foreach (int pin in _openedPins)
                {
                    _gpio.ClosePin(pin);
                }
            }

            _openedPins.Clear();
        }
    }

    private void OnTick()
    {
        lock (_lock)
        {
            if (_disposed || !_timerRunning)
            {
                return;
            }

            _tick++;
            foreach (StackLamp lamp in Enum.GetValues<StackLamp>())
            {
                if (_patterns[(int)lamp] is LampPattern.Blink or LampPattern.Flash)
                {
                    try
                    {
                        Apply(lamp);
                    }
                    catch (IOException)
                    {
                        // The timer thread has no caller to report to: count it for health checks; the next
                        // Set() surfaces a persistent fault as an exception.
                        Interlocked.Increment(ref _timerWriteFailures);
                    }
                }
            }
        }
    }

    private bool AnyTimed()
    {
        foreach (LampPattern p in _patterns)
        {
            if (p is LampPattern.Blink or LampPattern.Flash)
            {
                return true;
            }
        }

        return false;
    }

    private void Apply(StackLamp lamp)
    {
        bool on = _patterns[(int)lamp] switch
        {
            LampPattern.Steady => true,
            LampPattern.Blink => (_tick / TicksPerBlinkHalf) % 2 == 0,
            LampPattern.Flash => _tick % 2 == 0,
            _ => false,
        };

        if (_lit[(int)lamp] == on || _pins.PinOf(lamp) is not int pin)
        {
            _lit[(int)lamp] = on;
            return;
        }

        try
        {
            _gpio.Write(pin, Level(on));
        }
        catch (IOException ex)
        {
            throw new IOException($"Stack light: writing {lamp} relay on GPIO{pin} failed.", ex);
        }

        _lit[(int)lamp] = on;
    }

    private static void CheckLamp(StackLamp lamp)
    {
        if (!Enum.IsDefined(lamp))
        {
            throw new ArgumentOutOfRangeException(nameof(lamp), lamp, "Unknown lamp.");
        }
    }

    private PinValue Level(bool on) => on != _activeLow ? PinValue.High : PinValue.Low;
}
