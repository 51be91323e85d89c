namespace EdgeCc.Drivers.Max7219;

/// <summary>How an 8x8 module is mounted relative to the logical picture (clockwise quarter turns).</summary>
public enum ModuleRotation
{
    /// <summary>Digit 0 is the top row, D7 the leftmost column.</summary>
    None,

    /// <summary>Picture turned 90° clockwise on the module.</summary>
    Right,

    /// <summary>Picture turned 180°.</summary>
    Half,

    /// <summary>Picture turned 90° counter-clockwise.</summary>
    Left,
}
