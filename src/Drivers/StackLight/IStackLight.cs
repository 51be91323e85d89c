namespace EdgeCc.Drivers.StackLight;

/// <summary>A signal tower (red/amber/green/buzzer) whose lamps each follow a <see cref="LampPattern"/>.</summary>
public interface IStackLight
{
    /// <summary>Sets a lamp's pattern; takes effect at once.</summary>
    void Set(StackLamp lamp, LampPattern pattern);

    /// <summary>The pattern last set for a lamp.</summary>
    LampPattern GetPattern(StackLamp lamp);
}
