namespace EdgeCc.Drivers.StackLight;

/// <summary>The outputs of a signal tower.</summary>
public enum StackLamp
{
    /// <summary>Red lamp.</summary>
    Red,

    /// <summary>Amber lamp.</summary>
    Amber,

    /// <summary>Green lamp.</summary>
    Green,

    /// <summary>Buzzer (patterns apply as beeps).</summary>
    Buzzer,
}
