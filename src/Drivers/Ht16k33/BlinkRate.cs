namespace EdgeCc.Drivers.Ht16k33;

/// <summary>Whole-display blink rates of the HT16K33 (display setup command bits B1 B0).</summary>
public enum BlinkRate : byte
{
    /// <summary>Steady.</summary>
    Off = 0b00,

    /// <summary>2 Hz.</summary>
    TwoHz = 0b01,

    /// <summary>1 Hz.</summary>
    OneHz = 0b10,

    /// <summary>0.5 Hz.</summary>
    HalfHz = 0b11,
}
