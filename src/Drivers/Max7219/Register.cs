namespace EdgeCc.Drivers.Max7219;

/// <summary>MAX7219 register addresses (datasheet Table 2, "Register Address Map"); D11–D8 of each 16-bit word.</summary>
public enum Register : byte
{
    /// <summary>No-op: lets a word pass through one chip of a cascade without changing it.</summary>
    NoOp = 0x00,

    /// <summary>Digit 0 (row 0 of an unrotated 8x8 module).</summary>
    Digit0 = 0x01,

    /// <summary>Digit 1.</summary>
    Digit1 = 0x02,

    /// <summary>Digit 2.</summary>
    Digit2 = 0x03,

    /// <summary>Digit 3.</summary>
    Digit3 = 0x04,

    /// <summary>Digit 4.</summary>
    Digit4 = 0x05,

    /// <summary>Digit 5.</summary>
    Digit5 = 0x06,

    /// <summary>Digit 6.</summary>
    Digit6 = 0x07,

    /// <summary>Digit 7.</summary>
    Digit7 = 0x08,

    /// <summary>Code-B decode per digit (Table 4); 0x00 = no decode, needed for a matrix.</summary>
    DecodeMode = 0x09,

    /// <summary>PWM intensity, 0x0–0xF = 1/32 … 31/32 duty (Table 7).</summary>
    Intensity = 0x0A,

    /// <summary>Number of scanned digits minus one (Table 8); 0x07 scans all eight rows.</summary>
    ScanLimit = 0x0B,

    /// <summary>0 = shutdown, 1 = normal operation (Table 3). The chip powers up in shutdown.</summary>
    Shutdown = 0x0C,

    /// <summary>1 = all LEDs on at full intensity, 0 = normal (Table 10).</summary>
    DisplayTest = 0x0F,
}
