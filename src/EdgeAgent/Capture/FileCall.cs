namespace EdgeCc.Agent.Capture;

/// <summary>A recorded call to play: a WAV file (channel 0 agent, 1 customer), starting <see cref="StartAt"/> after playback begins.</summary>
public sealed record FileCall(string Path, string CallId, string? AgentId, TimeSpan StartAt);
