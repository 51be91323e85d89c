using System.Text.Json;
using EdgeCc.Agent.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeCc.Agent.Uplink;

/// <summary>
/// Handles messages on <c>config</c> (schemas/config.schema.json): parse, validate, record in
/// the history, queue the ack on <c>config/ack</c> in the same transaction, and only then put
/// the new configuration in force. A config that fails any check is recorded as rejected and
/// the one in force stays. <c>{"rollback": true}</c> puts the previous good one back.
/// </summary>
internal sealed class RemoteConfigHandler
{
    public const int SchemaVersion = 1;
    private const int MaxVersionLength = 64;
    private readonly RemoteConfig _holder;
    private readonly ConfigHistory _history;
    private readonly UplinkOptions _options;
    private readonly IReadOnlyList<IRemoteConfigValidator> _validators;
    private readonly IConfiguration? _baseConfiguration;
    private readonly ILogger _log;
    private readonly Lock _lock = new();

    public RemoteConfigHandler(
        RemoteConfig holder,
        ConfigHistory history,
        UplinkOptions options,
        IEnumerable<IRemoteConfigValidator> validators,
        IConfiguration? baseConfiguration = null,
        ILogger<RemoteConfigHandler>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(holder);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(validators);
        _holder = holder;
        _history = history;
        _options = options;
        _validators = validators.ToList();
        _baseConfiguration = baseConfiguration;
        _log = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Puts the configuration that was in force before a restart back in force.</summary>
    public RemoteConfigSnapshot? RestoreActive()
    {
        var active = _history.Active();
        if (active is null)
        {
            return null;
        }

        var snapshot = new RemoteConfigSnapshot(active.Version, SettingsOf(active.Json));
        _holder.Set(snapshot);
        return snapshot;
    }

    public RemoteConfigResult Handle(ReadOnlyMemory<byte> payload)
    {
        lock (_lock)
        {
            var json = System.Text.Encoding.UTF8.GetString(payload.Span);
            var errors = new List<string>();
            string version = "";
            string? settings = null;
            var rollback = false;
            try
            {
                using var doc = JsonDocument.Parse(payload);
                Parse(doc.RootElement, errors, ref version, ref settings, ref rollback);
            }
            catch (JsonException ex)
            {
                errors.Add("payload is not JSON: " + ex.Message);
            }

            // The config topic is retained: the broker replays the last message at every
            // (re)subscribe, and an old version must not undo a rollback or a newer local state.
            if (_history.Seen(version, json))
            {
                return new RemoteConfigResult(RemoteConfigOutcome.AlreadyHandled, version, _holder.Current?.Version, []);
            }

            if (errors.Count == 0 && rollback)
            {
                return RollbackLocked(version, json);
            }

            if (errors.Count == 0 && settings is not null)
            {
                errors.AddRange(ValidateSettings(settings));
            }

            if (errors.Count > 0)
            {
                var active = _holder.Current?.Version;
                _history.Record(version, ConfigStatus.Rejected, json, errors, Ack(version, accepted: false, active, errors));
                UplinkLog.ConfigRejected(_log, version, string.Join("; ", errors));
                return new RemoteConfigResult(RemoteConfigOutcome.Rejected, version, active, errors);
            }

            _history.Record(version, ConfigStatus.Accepted, json, [], Ack(version, accepted: true, version, []));
            _holder.Set(new RemoteConfigSnapshot(version, settings!));
            UplinkLog.ConfigAccepted(_log, version);
            return new RemoteConfigResult(RemoteConfigOutcome.Accepted, version, version, []);
        }
    }

    /// <summary>Puts the previous good configuration back in force (also reachable locally, e.g. from a CLI verb).</summary>
    public RemoteConfigResult Rollback(string requestedBy = "rollback")
    {
        lock (_lock)
        {
            return RollbackLocked(requestedBy, "{\"rollback\":true}");
        }
    }

    private RemoteConfigResult RollbackLocked(string requestedBy, string requestJson)
    {
        var restored = _history.Rollback(r => Ack(requestedBy, accepted: true, r.Version, []), requestedBy, requestJson);
        if (restored is null)
        {
            var active = _holder.Current?.Version;
            var errors = new[] { "there is no earlier accepted configuration to roll back to" };
            _history.Record(requestedBy, ConfigStatus.Rejected, requestJson, errors, Ack(requestedBy, accepted: false, active, errors));
            UplinkLog.ConfigRejected(_log, requestedBy, errors[0]);
            return new RemoteConfigResult(RemoteConfigOutcome.Rejected, requestedBy, active, errors);
        }

        _holder.Set(new RemoteConfigSnapshot(restored.Version, SettingsOf(restored.Json)));
        UplinkLog.ConfigRolledBack(_log, restored.Version);
        return new RemoteConfigResult(RemoteConfigOutcome.RolledBack, requestedBy, restored.Version, []);
    }

    private void Parse(JsonElement root, List<string> errors, ref string version, ref string? settings, ref bool rollback)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("payload is not a JSON object");
            return;
        }

        if (root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()))
        {
            version = v.GetString()!;
            if (version.Length > MaxVersionLength)
            {
                errors.Add($"version is {version.Length} characters long; at most {MaxVersionLength}");
                version = version[..MaxVersionLength];
            }
        }
        else
        {
            errors.Add("version is missing or not a non-empty string");
        }

        if (!root.TryGetProperty("schemaVersion", out var s) || s.ValueKind != JsonValueKind.Number || !s.TryGetInt32(out var schema))
        {
            errors.Add("schemaVersion is missing or not an integer");
        }
        else if (schema != SchemaVersion)
        {
            errors.Add($"schemaVersion is {schema} but this agent reads {SchemaVersion}");
        }

        if (root.TryGetProperty("rollback", out var r))
        {
            rollback = r.ValueKind == JsonValueKind.True;
            if (r.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                errors.Add("rollback is not a boolean");
            }

            if (rollback)
            {
                return;
            }
        }

        if (!root.TryGetProperty("settings", out var set) || set.ValueKind != JsonValueKind.Object)
        {
            errors.Add("settings is missing or not an object");
            return;
        }

        foreach (var section in set.EnumerateObject())
        {
            if (!_options.RemoteConfigSections.Contains(section.Name, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"settings:{section.Name} is not a section a remote config may set (allowed: {string.Join(", ", _options.RemoteConfigSections)})");
            }
            else if (section.Value.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"settings:{section.Name} is not an object");
            }
        }

        settings = set.GetRawText();
    }

    private List<string> ValidateSettings(string settings)
    {
        var errors = new List<string>();
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(settings));
        var builder = new ConfigurationBuilder();
        if (_baseConfiguration is not null)
        {
            builder.AddConfiguration(_baseConfiguration, shouldDisposeConfiguration: false);
        }

        var proposed = builder.AddJsonStream(stream).Build();
        foreach (var validator in _validators)
        {
            errors.AddRange(validator.Validate(proposed));
        }

        return errors;
    }

    private byte[] Ack(string version, bool accepted, string? activeVersion, IReadOnlyList<string> errors) =>
        PayloadWriter.Write((version, accepted, activeVersion, errors), static (w, s) =>
        {
            w.WriteString("version", s.version);
            w.WriteBoolean("accepted", s.accepted);
            PayloadWriter.OptionalString(w, "activeVersion", s.activeVersion);
            w.WriteStartArray("errors");
            foreach (var e in s.errors)
            {
                w.WriteStringValue(e);
            }

            w.WriteEndArray();
        });

    private static string SettingsOf(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.TryGetProperty("settings", out var s) ? s.GetRawText() : "{}";
    }
}
