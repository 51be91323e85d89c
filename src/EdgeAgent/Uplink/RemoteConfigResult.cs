namespace EdgeCc.Agent.Uplink;

/// <summary>What became of one inbound config message; <see cref="ActiveVersion"/> is the version in force afterwards.</summary>
internal sealed record RemoteConfigResult(RemoteConfigOutcome Outcome, string Version, string? ActiveVersion, IReadOnlyList<string> Errors);
