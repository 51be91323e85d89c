using System.ComponentModel.DataAnnotations;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// Tuning of <see cref="VoiceActivityDetector"/> (configuration section <c>Analysis:VoiceActivity</c>).
/// The defaults were chosen on the 16 kHz recordings in the shared test data and on synthetic
/// white/pink noise and G.711 comfort noise (see VoiceActivityDetectorTests).
/// </summary>
public sealed class VoiceActivityOptions
{
    public const string Section = "Analysis:VoiceActivity";

    /// <summary>How far above the running noise floor a 10 ms block must be to start speech.</summary>
    [Range(3.0, 40.0)]
    public double OnsetSnrDb { get; set; } = 9;

    /// <summary>How far above the noise floor a block must stay to keep an ongoing segment alive (fricatives, soft endings).</summary>
    [Range(0.0, 40.0)]
    public double ContinueSnrDb { get; set; } = 5;

    /// <summary>Blocks quieter than this are never speech (digital silence, idle lines).</summary>
    [Range(-100.0, 0.0)]
    public double MinSpeechLevelDbfs { get; set; } = -55;

    /// <summary>
    /// Spectral flatness (geometric / arithmetic mean of the 250-3500 Hz power spectrum) a block
    /// must stay under to start speech. White noise sits near 0.56 and pink near 0.45 per block,
    /// voiced speech mostly under 0.2: this is what rejects noise that rises faster than the floor.
    /// </summary>
    [Range(0.01, 1.0)]
    public double MaxOnsetFlatness { get; set; } = 0.3;

    /// <summary>Consecutive speech-like 10 ms blocks needed to start a segment (rejects clicks).</summary>
    [Range(1, 50)]
    public int OnsetBlocks { get; set; } = 3;

    /// <summary>How long a segment stays open after its last speech-like block (word gaps, trailing consonants).</summary>
    [Range(0, 2000)]
    public int HangoverMilliseconds { get; set; } = 300;
}
