namespace EdgeCc.Drivers.StackLight;

/// <summary>BCM GPIO numbers of the relay inputs; a null pin means the output is not fitted.</summary>
public sealed record StackLightPins(int? Red, int? Amber, int? Green, int? Buzzer = null)
{
    /// <summary>The pin for a lamp, or null.</summary>
    public int? PinOf(StackLamp lamp) => lamp switch
    {
        StackLamp.Red => Red,
        StackLamp.Amber => Amber,
        StackLamp.Green => Green,
        StackLamp.Buzzer => Buzzer,
        _ => throw new ArgumentOutOfRangeException(nameof(lamp), lamp, "Unknown lamp."),
    };
}
