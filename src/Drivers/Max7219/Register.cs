namespace EdgeCc.Drivers.Max7219;

/// <summary>MAX7219 register addresses (datasheet Table 2, "Register Address Map"); D11–D8 of each 16-bit word.</summary>
public enum Register : byte
{
    /// <summary>No-op: lets a word pass through one chip of a cascade without changing it.</summary>
    NoOp = 0x00,

    /// <summary>Digit 0 (row 0 of an 8x8 matrix). Digits 1–7 follow at 0x02–0x08.</summary>
    Digit0 = 0x01,

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
