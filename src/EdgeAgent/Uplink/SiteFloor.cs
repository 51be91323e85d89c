using System.Text.Json;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Uplink;

/// <summary>
/// The wallboard host's view of the other boxes of its site, merged from their retained
/// <c>floor</c> and <c>status</c> messages and their <c>alerts</c>. Every message is checked
/// against the contract (topic, envelope, body) before it counts; a bad one is counted by kind and
/// changes nothing. Last arrival wins, as with MQTT retained messages themselves.
/// </summary>
internal sealed class SiteFloor
{
    public const int AlertsKept = 30;

    /// <summary>Larger than any real floor (a few hundred agents is ~30 kB): bounds what a broken peer can make us parse.</summary>
    public const int MaxPayloadBytes = 1 << 20;

    /// <summary>Agents or queues kept per part; the rest of an oversized snapshot is dropped.</summary>
    public const int MaxItemsPerPart = 5_000;

    private const string TopicRoot = "edgecc/v1/";
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Part> _parts = new(StringComparer.Ordinal);
    private readonly LinkedList<SiteAlert> _alerts = new();
    private readonly long[] _outcomes = new long[Enum.GetValues<SiteMessageOutcome>().Length];
    private readonly TimeProvider _time;
    private readonly TimeSpan _staleAfter;
    private volatile bool _connected;

    public SiteFloor(IOptions<UplinkOptions> uplink, IOptions<SiteFloorOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(uplink);
        ArgumentNullException.ThrowIfNull(options);
        Site = uplink.Value.Site;
        Device = uplink.Value.Device;
        Enabled = options.Value.Wallboard && uplink.Value.Enabled;
        _staleAfter = TimeSpan.FromSeconds(options.Value.StaleAfterSeconds);
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Raised after a message changed the view or the connection to the broker came or went.</summary>
    public event Action? Changed;

    /// <summary>True on the site's wallboard host (<see cref="SiteFloorOptions.Wallboard"/> with the uplink enabled).</summary>
    public bool Enabled { get; }

    public string Site { get; }

    /// <summary>This box's device id; its own messages are skipped.</summary>
    public string Device { get; }

    /// <summary>Whether the wallboard subscriber is connected to the site's broker now.</summary>
    public bool Connected => _connected;

    public TimeSpan StaleAfter => _staleAfter;

    public long Count(SiteMessageOutcome outcome) => Interlocked.Read(ref _outcomes[(int)outcome]);

    internal void SetConnected(bool connected)
    {
        if (_connected != connected)
        {
            _connected = connected;
            Changed?.Invoke();
        }
    }

    /// <summary>Every other box heard from, by device id, with its state judged now.</summary>
    public IReadOnlyList<SiteFloorPart> Parts()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var list = new List<SiteFloorPart>(_parts.Count);
            foreach (var (device, p) in _parts)
            {
                var state = p.Offline ? SitePartState.Offline
                    : p.At is { } at && now - at <= _staleAfter ? SitePartState.Live
                    : SitePartState.Stale;
                list.Add(new SiteFloorPart(device, state, p.At, p.ReceivedAt, p.Agents, p.Queues, p.StatusSince));
            }

            list.Sort(static (a, b) => string.CompareOrdinal(a.Device, b.Device));
            return list;
        }
    }

    /// <summary>The other boxes' alerts, newest first.</summary>
    public IReadOnlyList<SiteAlert> Alerts()
    {
        lock (_gate)
        {
            return [.. _alerts];
        }
    }

    /// <summary>Checks one message and merges it; never throws on bad input.</summary>
    public SiteMessageOutcome Accept(string topic, ReadOnlySpan<byte> payload)
    {
        var outcome = AcceptCore(topic, payload);
        Interlocked.Increment(ref _outcomes[(int)outcome]);
        if (outcome is SiteMessageOutcome.Floor or SiteMessageOutcome.Alert or SiteMessageOutcome.Status)
        {
            Changed?.Invoke();
        }

        return outcome;
    }

    private SiteMessageOutcome AcceptCore(string topic, ReadOnlySpan<byte> payload)
    {
        if (!TryParseTopic(topic, out var device, out var leaf))
        {
            return SiteMessageOutcome.WrongTopic;
        }

        if (device == Device)
        {
            return SiteMessageOutcome.Own;
        }

        if (payload.Length > MaxPayloadBytes)
        {
            return SiteMessageOutcome.TooLarge;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload.ToArray());
        }
        catch (JsonException)
        {
            return SiteMessageOutcome.NotJson;
        }

        using (document)
        {
            var root = document.RootElement;
            var type = leaf switch { "floor" => "floor", "alerts" => "alert", _ => "status" };
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != Envelope.SchemaVersion
                || Text(root, "type") != type || Text(root, "site") != Site || Text(root, "device") != device)
            {
                return SiteMessageOutcome.BadEnvelope;
            }

            var now = _time.GetUtcNow();
            return leaf switch
            {
                "floor" => AcceptFloor(device, root, now),
                "alerts" => AcceptAlert(device, root, now),
                _ => AcceptStatus(device, root),
            };
        }
    }

    private SiteMessageOutcome AcceptFloor(string device, JsonElement root, DateTimeOffset now)
    {
        if (!root.TryGetProperty("body", out var body) || body.ValueKind != JsonValueKind.Object
            || !Time(body, "at", out var at)
            || !body.TryGetProperty("agents", out var agentsJson) || agentsJson.ValueKind != JsonValueKind.Array
            || !body.TryGetProperty("queues", out var queuesJson) || queuesJson.ValueKind != JsonValueKind.Array)
        {
            return SiteMessageOutcome.BadBody;
        }

        var agents = new List<FloorAgent>(Math.Min(agentsJson.GetArrayLength(), MaxItemsPerPart));
        foreach (var a in agentsJson.EnumerateArray())
        {
            if (a.ValueKind != JsonValueKind.Object || Text(a, "agentId") is not { } id || Text(a, "state") is not { } state
                || Text(a, "light") is not { } light || !Int(a, "activeAlerts", out var alerts) || alerts < 0)
            {
                return SiteMessageOutcome.BadBody;
            }

            if (agents.Count < MaxItemsPerPart)
            {
                agents.Add(new FloorAgent(id, state, light, alerts));
            }
        }

        var queues = new List<FloorQueue>(Math.Min(queuesJson.GetArrayLength(), MaxItemsPerPart));
        foreach (var q in queuesJson.EnumerateArray())
        {
            if (q.ValueKind != JsonValueKind.Object || Text(q, "queueId") is not { } id || !Int(q, "waiting", out var waiting) || waiting < 0
                || !q.TryGetProperty("longestWaitSeconds", out var wait) || !wait.TryGetDouble(out var seconds) || !double.IsFinite(seconds) || seconds < 0 || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
            {
                return SiteMessageOutcome.BadBody;
            }

            if (queues.Count < MaxItemsPerPart)
            {
                queues.Add(new FloorQueue(id, waiting, TimeSpan.FromSeconds(seconds)));
            }
        }

        lock (_gate)
        {
            var part = GetPart(device);
            part.At = at;
            part.ReceivedAt = now;
            part.Agents = agents;
            part.Queues = queues;
        }

        return SiteMessageOutcome.Floor;
    }

    private SiteMessageOutcome AcceptAlert(string device, JsonElement root, DateTimeOffset now)
    {
        if (!root.TryGetProperty("body", out var body) || body.ValueKind != JsonValueKind.Object
            || Text(body, "alertId") is not { Length: > 0 } id || Text(body, "kind") is not { Length: > 0 } kind || Text(body, "text") is not { } text
            || !Time(body, "raisedAt", out var raisedAt) || !Severity(Text(body, "severity"), out var severity)
            || !NullableText(body, "agentId", out var agentId) || !NullableText(body, "callId", out var callId))
        {
            return SiteMessageOutcome.BadBody;
        }

        lock (_gate)
        {
            _alerts.AddFirst(new SiteAlert(device, new AlertMessage(id, kind, severity, text, raisedAt, agentId, callId), now));
            if (_alerts.Count > AlertsKept)
            {
                _alerts.RemoveLast();
            }
        }

        return SiteMessageOutcome.Alert;
    }

    private SiteMessageOutcome AcceptStatus(string device, JsonElement root)
    {
        var state = Text(root, "state");
        if (state is not ("online" or "offline") || !Time(root, "since", out var since))
        {
            return SiteMessageOutcome.BadBody;
        }

        lock (_gate)
        {
            var part = GetPart(device);
            part.Offline = state == "offline";
            part.StatusSince = since;
        }

        return SiteMessageOutcome.Status;
    }

    private Part GetPart(string device)
    {
        if (!_parts.TryGetValue(device, out var part))
        {
            part = new Part();
            _parts.Add(device, part);
        }

        return part;
    }

    /// <summary><c>edgecc/v1/{site}/{device}/{floor|alerts|status}</c> of this site, with a device that is one topic segment.</summary>
    internal bool TryParseTopic(string topic, out string device, out string leaf)
    {
        device = leaf = "";
        var prefix = TopicRoot + Site + "/";
        if (topic is null || !topic.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = topic.AsSpan(prefix.Length);
        var slash = rest.IndexOf('/');
        if (slash <= 0)
        {
            return false;
        }

        var tail = rest[(slash + 1)..];
        if (!(tail.SequenceEqual("floor") || tail.SequenceEqual("alerts") || tail.SequenceEqual("status")))
        {
            return false;
        }

        device = rest[..slash].ToString();
        leaf = tail.ToString();
        return true;
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static bool NullableText(JsonElement e, string name, out string? value)
    {
        value = null;
        if (!e.TryGetProperty(name, out var p))
        {
            return false;
        }

        if (p.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        value = p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        return value is not null;
    }

    private static bool Int(JsonElement e, string name, out int value)
    {
        value = 0;
        return e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out value);
    }

    private static bool Time(JsonElement e, string name, out DateTimeOffset value)
    {
        value = default;
        return e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String && p.TryGetDateTimeOffset(out value);
    }

    private static bool Severity(string? word, out AlertSeverity severity)
    {
        severity = word switch
        {
            "info" => AlertSeverity.Info,
            "warning" => AlertSeverity.Warning,
            _ => AlertSeverity.Critical,
        };
        return word is "info" or "warning" or "critical";
    }

    private sealed class Part
    {
        public DateTimeOffset? At { get; set; }

        public DateTimeOffset? ReceivedAt { get; set; }

        public IReadOnlyList<FloorAgent> Agents { get; set; } = [];

        public IReadOnlyList<FloorQueue> Queues { get; set; } = [];

        public bool Offline { get; set; }

        public DateTimeOffset? StatusSince { get; set; }
    }
}
