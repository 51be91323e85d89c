namespace EdgeCc.Agent.Analysis;

/// <summary>
/// Where a speaker's voice stands now against their own baseline. Loudness is dBFS over voiced
/// speech (power mean), pitch is Hz (log mean over voiced estimates), rate is syllable nuclei
/// per second of speech. Baseline figures are 0 until <see cref="HasBaseline"/>.
/// </summary>
public readonly record struct ProsodySnapshot(
    TimeSpan SpeechTime,
    bool HasBaseline,
    double LoudnessDbfs,
    double PitchHz,
    double SyllablesPerSecond,
    double BaselineLoudnessDbfs,
    double BaselinePitchHz,
    double BaselineSyllablesPerSecond,
    double Arousal);
