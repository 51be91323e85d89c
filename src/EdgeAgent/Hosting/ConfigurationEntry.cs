namespace EdgeCc.Agent.Hosting;

/// <summary>One effective configuration value and where it came from (a file path, an environment variable, the command line).</summary>
internal sealed record ConfigurationEntry(string Key, string Value, string Source);
