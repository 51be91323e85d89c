using System.ComponentModel.DataAnnotations;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// A configured spoken phrase. <see cref="Threshold"/> is PocketSphinx's keyword threshold
/// exponent: the phrase fires when its score beats 1e<c>Threshold</c> times the phone loop's (e.g. -20 is stricter
/// than -40; a positive one demands that the phrase beat the phone loop); it applies to wideband (16 kHz) legs. <see cref="NarrowbandThreshold"/> is the same for
/// narrowband legs (G.711, 8 kHz), whose scores are lower: when unset, <see cref="Threshold"/> applies.
/// <see cref="NoisyThreshold"/> and <see cref="NarrowbandNoisyThreshold"/> are the same for a noisy leg
/// (<see cref="AnalysisOptions.NoisyBelowSnrDb"/>): when unset, the band's threshold applies.
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

    /// <summary>The loosest threshold: below it nearly every phone sequence fires.</summary>
    public const int LoosestThreshold = -80;

    /// <summary>
    /// The strictest threshold. A margin grows with the phrase's length and falls with the phone-loop probability:
    /// with the shipped one (1e-8) phrases spoken in the eval corpus's real recordings scored +7 to +155, and false
    /// alarms up to +63, so thresholds well above PocketSphinx's KWS_MAX (+66.7) are needed.
    /// </summary>
    public const int StrictestThreshold = 150;

    /// <summary>Uncalibrated phrases start here: 3-4 word phrases calibrated between -57 and +14 on the synthetic corpus, and natural speech scores higher.</summary>
    [Range(LoosestThreshold, StrictestThreshold)]
    public int Threshold { get; set; } = 20;

    [Range(LoosestThreshold, StrictestThreshold)]
    public int? NarrowbandThreshold { get; set; }

    [Range(LoosestThreshold, StrictestThreshold)]
    public int? NoisyThreshold { get; set; }

    [Range(LoosestThreshold, StrictestThreshold)]
    public int? NarrowbandNoisyThreshold { get; set; }

    /// <summary>Whether one of the two phrases is said inside the other ("cancel" and "cancel my account"): both can be right at once.</summary>
    public bool Nests(Phrase other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var mine = " " + Text.Trim().ToLowerInvariant() + " ";
        var theirs = " " + other.Text.Trim().ToLowerInvariant() + " ";
        return mine.Contains(theirs, StringComparison.Ordinal) || theirs.Contains(mine, StringComparison.Ordinal);
    }

    /// <summary>This phrase (text, category, weight) with other thresholds.</summary>
    public Phrase WithThresholds(int threshold, int? narrowband, int? noisy, int? narrowbandNoisy) => new()
    {
        Text = Text,
        Category = Category,
        Weight = Weight,
        Threshold = threshold,
        NarrowbandThreshold = narrowband,
        NoisyThreshold = noisy,
        NarrowbandNoisyThreshold = narrowbandNoisy,
    };

    /// <summary>The threshold for a quiet leg of <paramref name="band"/>.</summary>
    public int ThresholdFor(SpottingBand band) => band == SpottingBand.Narrowband ? NarrowbandThreshold ?? Threshold : Threshold;

    /// <summary>The threshold for a leg of <paramref name="band"/>, quiet or <paramref name="noisy"/>.</summary>
    public int ThresholdFor(SpottingBand band, bool noisy)
        => !noisy ? ThresholdFor(band) : (band == SpottingBand.Narrowband ? NarrowbandNoisyThreshold : NoisyThreshold) ?? ThresholdFor(band);

    /// <summary>The threshold the decoder searches a leg of <paramref name="band"/> at: the looser of quiet and noisy.</summary>
    public int SearchThresholdFor(SpottingBand band) => Math.Min(ThresholdFor(band, noisy: false), ThresholdFor(band, noisy: true));
}
