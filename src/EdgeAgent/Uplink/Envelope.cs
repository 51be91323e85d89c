using System.Globalization;
using EdgeCc.Agent.Store;

namespace EdgeCc.Agent.Uplink;

/// <summary>
/// Wraps an outbox body for the wire (schemas/envelope.schema.json). The envelope is built
/// from the row alone, so a resent row is byte-identical and carries the same idempotency key
/// <c>{site}/{device}/{sequence}</c>, which central uses to drop duplicates.
/// </summary>
internal static class Envelope
{
    public const int SchemaVersion = 1;

    public static byte[] Wrap(string site, string device, OutboxRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return PayloadWriter.Write((site, device, row), static (w, s) =>
        {
            var (site, device, row) = s;
            w.WriteNumber("schemaVersion", SchemaVersion);
            w.WriteString("type", TypeOf(row.Topic));
            w.WriteString("site", site);
            w.WriteString("device", device);
            w.WriteNumber("sequence", row.Sequence);
            w.WriteString("idempotencyKey", Key(site, device, row.Sequence));
            w.WriteString("createdAt", row.CreatedAt);
            w.WritePropertyName("body");
            w.WriteRawValue(row.Payload.Span, skipInputValidation: false);
        });
    }

    public static string Key(string site, string device, long sequence) =>
        site + "/" + device + "/" + sequence.ToString(CultureInfo.InvariantCulture);

    /// <summary>The retained <c>status</c> message; also the last will with <paramref name="online"/> false.</summary>
    public static byte[] Status(string site, string device, bool online, DateTimeOffset since, string agentVersion)
    {
        return PayloadWriter.Write((site, device, online, since, agentVersion), static (w, s) =>
        {
            var state = s.online ? "online" : "offline";
            w.WriteNumber("schemaVersion", SchemaVersion);
            w.WriteString("type", "status");
            w.WriteString("site", s.site);
            w.WriteString("device", s.device);
            w.WriteString("idempotencyKey", s.site + "/" + s.device + "/status/" + s.since.UtcTicks.ToString(CultureInfo.InvariantCulture) + "/" + state);
            w.WriteString("state", state);
            w.WriteString("since", s.since);
            w.WriteString("agentVersion", s.agentVersion);
        });
    }

    public static string TypeOf(string topic) => topic switch
    {
        OutboxTopics.Calls => "call",
        OutboxTopics.Alerts => "alert",
        OutboxTopics.Metrics => "metrics",
        OutboxTopics.Floor => "floor",
        OutboxTopics.ConfigAck => "configAck",
        _ => topic,
    };
}
