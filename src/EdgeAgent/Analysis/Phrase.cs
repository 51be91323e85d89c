using System.ComponentModel.DataAnnotations;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// A configured spoken phrase. <see cref="Threshold"/> is PocketSphinx's keyword threshold
/// exponent: the phrase fires when its score beats 1e<c>Threshold</c> (e.g. -20 is stricter
/// than -40). <see cref="Weight"/> is its contribution to sentiment (negative for anger,
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
}
