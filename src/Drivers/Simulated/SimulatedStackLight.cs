using System.Text;
using EdgeCc.Drivers.StackLight;

namespace EdgeCc.Drivers.Simulated;

/// <summary>An <see cref="IStackLight"/> without hardware: every change is rendered as one line of lamp states.</summary>
public sealed class SimulatedStackLight : IStackLight
{
    private readonly LampPattern[] _patterns = new LampPattern[4];
    private readonly TextWriter? _output;
    private readonly Lock _lock = new();

    /// <summary>Creates the tower; each change is written to <paramref name="output"/> when given.</summary>
    public SimulatedStackLight(TextWriter? output = null)
    {
        _output = output;
    }

    /// <inheritdoc />
    public void Set(StackLamp lamp, LampPattern pattern)
    {
        if (!Enum.IsDefined(lamp))
        {
            throw new ArgumentOutOfRangeException(nameof(lamp), lamp, "Unknown lamp.");
        }

        if (!Enum.IsDefined(pattern))
        {
            throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "Unknown pattern.");
        }

        string line;
        lock (_lock)
        {
            if (_patterns[(int)lamp] == pattern)
            {
                return;
            }

            _patterns[(int)lamp] = pattern;
            line = RenderLocked();
        }

        _output?.WriteLine(line);
    }

    /// <inheritdoc />
    public LampPattern GetPattern(StackLamp lamp)
    {
        if (!Enum.IsDefined(lamp))
        {
            throw new ArgumentOutOfRangeException(nameof(lamp), lamp, "Unknown lamp.");
        }

        lock (_lock)
        {
            return _patterns[(int)lamp];
        }
    }

    /// <summary>Current state, e.g. "red=flash amber=off green=steady buzzer=off".</summary>
    public string Render()
    {
        lock (_lock)
        {
            return RenderLocked();
        }
    }

    private string RenderLocked()
    {
        var sb = new StringBuilder();
        foreach (StackLamp lamp in Enum.GetValues<StackLamp>())
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(Name(lamp)).Append('=').Append(Name(_patterns[(int)lamp]));
        }

        return sb.ToString();
    }

    private static string Name(StackLamp lamp) => lamp switch
    {
        StackLamp.Red => "red",
        StackLamp.Amber => "amber",
        StackLamp.Green => "green",
        _ => "buzzer",
    };

    private static string Name(LampPattern pattern) => pattern switch
    {
        LampPattern.Steady => "steady",
        LampPattern.Blink => "blink",
        LampPattern.Flash => "flash",
        _ => "off",
    };
}
