namespace EdgeCc.Agent.Uplink;

/// <summary>A remote configuration in force: its version and its <c>settings</c> object (JSON, top-level keys are configuration sections).</summary>
internal sealed record RemoteConfigSnapshot(string Version, string SettingsJson);
