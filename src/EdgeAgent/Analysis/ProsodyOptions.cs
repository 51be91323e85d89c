using System.ComponentModel.DataAnnotations;

namespace EdgeCc.Agent.Analysis;

/// <summary>Tuning of <see cref="ProsodyTracker"/> (configuration section <c>Analysis:Prosody</c>).</summary>
public sealed class ProsodyOptions
{
    public const string Section = "Analysis:Prosody";

    /// <summary>Seconds of the speaker's own speech that make their baseline (calm reference); arousal is 0 until then.</summary>
    [Range(2.0, 120.0)]
    public double BaselineSpeechSeconds { get; set; } = 8;

    /// <summary>Time constant, in seconds of speech, of the current loudness and pitch (what is compared with the baseline).</summary>
    [Range(0.5, 30.0)]
    public double CurrentSeconds { get; set; } = 3;

    /// <summary>Time constant, in seconds of speech, of the current speaking rate (syllables need a longer look).</summary>
    [Range(1.0, 60.0)]
    public double RateSeconds { get; set; } = 4;

    /// <summary>Loudness rise that counts as one unit of agitation.</summary>
    [Range(1.0, 30.0)]
    public double LoudnessUnitDb { get; set; } = 6;

    /// <summary>Pitch rise, in semitones, that counts as one unit of agitation.</summary>
    [Range(0.5, 24.0)]
    public double PitchUnitSemitones { get; set; } = 3;

    /// <summary>Relative speaking-rate rise that counts as one unit of agitation (0.3 = 30 % faster).</summary>
    [Range(0.05, 5.0)]
    public double RateUnit { get; set; } = 0.3;

    /// <summary>
    /// Rises within this many units of the baseline are a speaker's normal variation and count
    /// as nothing (replaying the baseline speech itself moves the 3 s means by about 0.3 units).
    /// </summary>
    [Range(0.0, 2.0)]
    public double DeadbandUnits { get; set; } = 0.35;

    public double LoudnessWeight { get; set; } = 0.4;

    public double PitchWeight { get; set; } = 0.35;

    public double RateWeight { get; set; } = 0.25;
}
