namespace EdgeCc.Agent.Floor;

/// <summary>What an agent's desk light shows.</summary>
public enum LightColour
{
    Off,
    Green,
    Amber,
    Red,
    Blue,
}
