namespace EdgeCc.Drivers.Ht16k33;

/// <summary>HT16K33 command bytes (datasheet "Command Summary"); the low bits carry the command's fields.</summary>
public enum Command : byte
{
    /// <summary>Display data address pointer: 0x00 | address (0x0–0xF); following bytes fill RAM, auto-incrementing.</summary>
    DisplayDataAddress = 0x00,

    /// <summary>System setup: 0x20 | S; S = 1 turns the internal oscillator on (normal operation), 0 = standby.</summary>
    SystemSetup = 0x20,

    /// <summary>Display setup: 0x80 | (blink &lt;&lt; 1) | D; D = 1 display on; blink 00 off, 01 2 Hz, 10 1 Hz, 11 0.5 Hz.</summary>
    DisplaySetup = 0x80,

    /// <summary>ROW/INT set: 0xA0 = ROW15/INT pin as row output (the backpack does not use INT).</summary>
    RowIntSet = 0xA0,

    /// <summary>Dimming set: 0xE0 | P; duty (P + 1)/16, P = 0x0–0xF.</summary>
    DimmingSet = 0xE0,
}
