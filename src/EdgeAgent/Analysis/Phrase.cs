using System.ComponentModel.DataAnnotations;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// A configured spoken phrase. <see cref="Threshold"/> is PocketSphinx's keyword threshold
/// exponent: the phrase fires when its score beats 1e<c>Threshold</c> (e.g. -20 is stricter
/// than -40); it applies to wideband (16 kHz) legs. <see cref="NarrowbandThreshold"/> is the same for
/// narrowband legs (G.711, 8 kHz), whose scores are lower: when unset, <see cref="Threshold"/> applies.
/// <see cref="Weight"/> is its contribution to sentiment (negative for anger,
/// positive for courtesy).
/// </summary>
public sealed class Phrase
{
    [Required]
    public string Text { get; set; } = "";

    [Required]
    public string Category { get; set; } = "";

    [Range(-1.0, 1.0)]
    public double Weight { get; set; }

    [Range(-80, 0)]
    public int Threshold { get; set; } = -20;

    [Range(-80, 0)]
    public int? NarrowbandThreshold { get; set; }

    /// <summary>The threshold for a leg of <paramref name="band"/>.</summary>
    public int ThresholdFor(SpottingBand band) => band == SpottingBand.Narrowband ? NarrowbandThreshold ?? Threshold : Threshold;
}
