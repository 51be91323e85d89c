namespace EdgeCc.Agent.Analysis;

/// <summary>
/// A configured phrase found by a <see cref="IKeywordSpotter"/>. <see cref="Start"/> and <see cref="End"/> count from
/// the first sample fed since the spotter's last <see cref="IKeywordSpotter.Finish"/>. <see cref="Confidence"/> is
/// 0.5 when the phrase only just beat its threshold, rising linearly with the log-likelihood margin over the best
/// unconstrained phone sequence to 1.0 (see <see cref="PocketSphinxSpotter"/> for the exact mapping).
/// <see cref="Margin"/> is that log10 margin itself, which threshold calibration sweeps over; <see cref="Noisy"/> tells
/// whether it beat the phrase's noisy threshold or its quiet one.
/// </summary>
internal sealed record SpottedPhrase(Phrase Phrase, TimeSpan Start, TimeSpan End, double Confidence)
{
    public double Margin { get; init; }

    public bool Noisy { get; init; }
}
