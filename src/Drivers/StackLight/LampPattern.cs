namespace EdgeCc.Drivers.StackLight;

/// <summary>What a lamp does. All blinking lamps of one tower share the same phase.</summary>
public enum LampPattern
{
    /// <summary>Off.</summary>
    Off,

    /// <summary>On.</summary>
    Steady,

    /// <summary>1 Hz: 500 ms on, 500 ms off.</summary>
    Blink,

    /// <summary>4 Hz: 125 ms on, 125 ms off — for "needs attention now".</summary>
    Flash,
}
