namespace EdgeCc.Agent.Capture;

/// <summary>One desk's capture as the health endpoint shows it. Counters add up over replugs.</summary>
public sealed record HeadsetDeskHealth(
    string Desk,
    HeadsetDeskState State,
    string? Device,
    int Rate,
    int Channels,
    bool HookSwitch,
    long Overruns,
    long FramesRead,
    int ConsecutiveFailures,
    string? LastError,
    DateTimeOffset? NextAttemptAt,
    string? CallId);
