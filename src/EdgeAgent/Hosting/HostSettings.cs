using Microsoft.Extensions.Logging;

namespace EdgeCc.Agent.Hosting;

/// <summary>How a verb wants the host built: extra configuration on top of the files, and what to show.</summary>
internal sealed record HostSettings
{
    public string? ConfigFile { get; init; }

    public IDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Information;

    public bool TerminalFloorView { get; init; }
}
