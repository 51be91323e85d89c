namespace EdgeCc.Agent.Analysis;

/// <summary>
/// Configuration section <c>Analysis:Narrowband</c>: how legs that arrive below 16 kHz (G.711 phone legs) are decoded
/// by the wideband acoustic model. Both files are made by scripts/make-narrowband-adaptation.sh and shipped beside
/// the binary; a relative path is taken from the application directory, an empty one turns that part off.
/// </summary>
public sealed class NarrowbandOptions
{
    public const string DefaultMllrPath = "models/narrowband/mllr_matrix";

    public const string DefaultCepstralMeanPath = "models/narrowband/cmninit";

    /// <summary>A PocketSphinx MLLR mean transform (<c>-mllr</c>) estimated on G.711 speech.</summary>
    public string MllrPath { get; set; } = DefaultMllrPath;

    /// <summary>
    /// The live CMN's starting mean for a narrowband leg: one line of 13 comma-separated numbers (the <c>-cmninit</c>
    /// format), the average cepstrum of G.711 speech. Without it a leg starts from the model's wideband mean.
    /// </summary>
    public string CepstralMeanPath { get; set; } = DefaultCepstralMeanPath;

    /// <summary><c>Analysis:PhoneLoopProbability</c> for narrowband legs; unset: the wideband one.</summary>
    public int? PhoneLoopProbability { get; set; }
}
