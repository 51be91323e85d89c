using System.Globalization;
using System.Text;

namespace EdgeCc.Agent.Floor;

/// <summary>
/// The floor in a terminal, for <c>demo</c> and development: one line per detection or light
/// change, then the board of every agent's light. ANSI colours only when writing to a terminal.
/// </summary>
internal sealed class TerminalFloorView : IDisposable
{
    private readonly FloorState _floor;
    private readonly TextWriter _out;
    private readonly bool _colour;
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly Lock _gate = new();

    public TerminalFloorView(FloorState floor, TimeProvider time)
        : this(floor, time, Console.Out, !Console.IsOutputRedirected)
    {
    }

    public TerminalFloorView(FloorState floor, TimeProvider time, TextWriter output, bool colour)
    {
        _floor = floor;
        _time = time;
        _out = output;
        _colour = colour;
        _start = time.GetTimestamp();
        floor.Changed += OnChanged;
    }

    public void Dispose() => _floor.Changed -= OnChanged;

    private void OnChanged(FloorChange change)
    {
        var line = new StringBuilder();
        var elapsed = _time.GetElapsedTime(_start);
        line.Append(CultureInfo.InvariantCulture, $"{elapsed:mm\\:ss\\.f}  agent {change.Agent.AgentId,-6}");
        if (change.Detection is { } d)
        {
            line.Append(CultureInfo.InvariantCulture, $" heard {d.Leg.ToString().ToLowerInvariant(),-8} \"{d.Phrase}\" [{d.Category}] at {d.Start:m\\:ss\\.f} conf {d.Confidence:F2}");
        }
        else if (change.Event is { } e)
        {
            line.Append(CultureInfo.InvariantCulture, $" {Describe(e),-40}");
        }

        var lightChanged = change.Before is null || change.Before.Light != change.Agent.Light;
        if (change.Detection is null && !lightChanged)
        {
            return;
        }

        line.Append("  light ").Append(Paint(change.Agent.Light));
        if (lightChanged && change.Agent.Light != LightColour.Off)
        {
            line.Append(" (").Append(change.Agent.Reason).Append(')');
        }

        lock (_gate)
        {
            _out.WriteLine(line.ToString());
            if (lightChanged)
            {
                _out.WriteLine("       floor: " + Board());
            }
        }
    }

    private string Board()
    {
        var board = new StringBuilder();
        foreach (var agent in _floor.Snapshot())
        {
            board.Append('[').Append(agent.AgentId).Append(' ').Append(Paint(agent.Light)).Append("] ");
        }

        return board.ToString();
    }

    private static string Describe(Telephony.CallEvent callEvent) => callEvent switch
    {
        Telephony.CallStarted s => $"call {s.CallId} started",
        Telephony.CallEnded x => $"call {x.CallId} ended ({x.Reason})",
        _ => $"call {callEvent.CallId} {callEvent.GetType().Name[4..].ToLowerInvariant()}",
    };

    private string Paint(LightColour light)
    {
        var name = light.ToString().ToUpperInvariant();
        if (!_colour)
        {
            return name;
        }

        var code = light switch
        {
            LightColour.Green => "32",
            LightColour.Amber => "33",
            LightColour.Red => "31",
            LightColour.Blue => "34",
            _ => "90",
        };
        return $"\u001b[{code}m\u25cf {name}\u001b[0m";
    }
}
