namespace EdgeCc.Agent.Analysis;

/// <summary>
/// A stretch of speech seen by <see cref="VoiceActivityDetector"/>, as offsets from the first sample it processed.
/// <see cref="End"/> is the end of the last speech-like block (the hangover is not counted); it
/// is <see cref="TimeSpan.Zero"/> in a start event, before the end is known.
/// </summary>
public readonly record struct VoiceActivitySegment(TimeSpan Start, TimeSpan End)
{
    public TimeSpan Duration => End > Start ? End - Start : TimeSpan.Zero;
}
