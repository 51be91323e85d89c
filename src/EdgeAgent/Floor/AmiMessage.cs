namespace EdgeCc.Agent.Floor;

/// <summary>One AMI packet: <c>Key: Value</c> lines up to a blank line. Keys are case-insensitive.</summary>
internal sealed class AmiMessage
{
    private readonly Dictionary<string, string> _fields = new(StringComparer.OrdinalIgnoreCase);

    public string? this[string key] => _fields.TryGetValue(key, out var value) ? value : null;

    public int Count => _fields.Count;

    /// <summary>The event name, for an event packet.</summary>
    public string? Event => this["Event"];

    /// <summary>The response status (Success, Error, Follows, Goodbye), for a response packet.</summary>
    public string? Response => this["Response"];

    public string? ActionId => this["ActionID"];

    /// <summary>Adds one line; false for a line that is not <c>Key: Value</c> (e.g. raw Command output).</summary>
    public bool TryAddLine(ReadOnlySpan<char> line)
    {
        var colon = line.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        var key = line[..colon].Trim();
        if (key.IsEmpty || key.ContainsAny(' ', '\t'))
        {
            return false;
        }

        // A repeated key (e.g. Variable) keeps its first value: nothing the floor reads repeats.
        _fields.TryAdd(key.ToString(), line[(colon + 1)..].Trim().ToString());
        return true;
    }

    public int GetInt(string key, int fallback = 0)
        => int.TryParse(this[key], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
