namespace EdgeCc.Agent.Floor;

/// <summary>What a station's pixel shows: a colour, steady or flashing.</summary>
internal readonly record struct StationLight(LightColour Light, bool Flashing);
