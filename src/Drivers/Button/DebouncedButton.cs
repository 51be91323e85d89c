namespace EdgeCc.Drivers.Button;

/// <summary>
/// Button logic without pins: feed raw contact changes to <see cref="OnRawChanged"/>; a change is accepted once
/// the contact has stayed put for <see cref="DebounceTime"/> (every bounce restarts the wait). Timers come from
/// the <see cref="TimeProvider"/>, so tests drive it with a fake clock. Events are raised on the timer thread.
/// </summary>
public sealed class DebouncedButton : IButton, IDisposable
{
    /// <summary>Default settle time: typical tactile switches bounce for 1–10 ms; 30 ms leaves margin for arcade buttons.</summary>
    public static readonly TimeSpan DefaultDebounceTime = TimeSpan.FromMilliseconds(30);

    /// <summary>Default hold time for a long press.</summary>
    public static readonly TimeSpan DefaultLongPressTime = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly ITimer _debounceTimer;
    private readonly ITimer _longPressTimer;
    private bool _raw;
    private bool _stable;
    private bool _longPressRaised;
    private bool _disposed;

    /// <summary>Creates the logic; <paramref name="initiallyPressed"/> is the contact state at start (no event for it).</summary>
    public DebouncedButton(TimeProvider? timeProvider = null, TimeSpan? debounceTime = null, TimeSpan? longPressTime = null, bool initiallyPressed = false)
    {
        TimeProvider time = timeProvider ?? TimeProvider.System;
        DebounceTime = debounceTime ?? DefaultDebounceTime;
        LongPressTime = longPressTime ?? DefaultLongPressTime;
        ArgumentOutOfRangeException.ThrowIfLessThan(DebounceTime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LongPressTime, TimeSpan.Zero);
        _raw = _stable = initiallyPressed;

        // A button already held at start must be released first; it never counts as a press or long press.
        _longPressRaised = initiallyPressed;
        _debounceTimer = time.CreateTimer(static s => ((DebouncedButton)s!).OnSettled(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _longPressTimer = time.CreateTimer(static s => ((DebouncedButton)s!).OnHeld(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <inheritdoc />
    public event EventHandler? Pressed;

    /// <inheritdoc />
    public event EventHandler? LongPressed;

    /// <summary>How long the contact must stay unchanged before a change counts.</summary>
    public TimeSpan DebounceTime { get; }

    /// <summary>How long a debounced press must last to raise <see cref="LongPressed"/>.</summary>
    public TimeSpan LongPressTime { get; }

    /// <inheritdoc />
    public bool IsPressed
    {
        get
        {
            lock (_lock)
            {
                return _stable;
            }
        }
    }

    /// <summary>Reports the raw contact state (true = closed/pressed), e.g. from a GPIO edge.</summary>
    public void OnRawChanged(bool pressed)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _raw = pressed;
            if (DebounceTime == TimeSpan.Zero)
            {
                _debounceTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
            else
            {
                _debounceTimer.Change(DebounceTime, Timeout.InfiniteTimeSpan);
                return;
            }
        }

        OnSettled();
    }

    /// <summary>Stops the timers; no events are raised afterwards.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
        }

        _debounceTimer.Dispose();
        _longPressTimer.Dispose();
    }

    private void OnSettled()
    {
        EventHandler? raise = null;
        lock (_lock)
        {
            if (_disposed || _raw == _stable)
            {
                return;
            }

            _stable = _raw;
            if (_stable)
            {
                _longPressRaised = false;
                _longPressTimer.Change(LongPressTime, Timeout.InfiniteTimeSpan);
            }
            else
            {
                _longPressTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                if (!_longPressRaised)
                {
                    raise = Pressed;
                }
            }
        }

        raise?.Invoke(this, EventArgs.Empty);
    }

    private void OnHeld()
    {
        EventHandler? raise = null;
        lock (_lock)
        {
            if (_disposed || !_stable || _longPressRaised)
            {
                return;
            }

            _longPressRaised = true;
            raise = LongPressed;
        }

        raise?.Invoke(this, EventArgs.Empty);
    }
}
