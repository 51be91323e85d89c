namespace EdgeCc.Agent.Telephony;

/// <summary>
/// Something that happened to a call. <see cref="Offset"/> is the time since the call started,
/// on the same clock as <see cref="Audio.AudioFrame.Timestamp"/>, so events and audio of one
/// call can be ordered against each other; <see cref="At"/> is wall-clock time.
/// </summary>
public abstract record CallEvent(string CallId, DateTimeOffset At, TimeSpan Offset);
