namespace EdgeCc.Agent.Analysis;

/// <summary>
/// A configured phrase found by a <see cref="IKeywordSpotter"/>. <see cref="Start"/> and <see cref="End"/> count from
/// the first sample fed since the spotter's last <see cref="IKeywordSpotter.Finish"/>. <see cref="Confidence"/> is
/// 0.5 when the phrase only just beat its threshold, rising linearly with the log-likelihood margin over the best
/// unconstrained phone sequence to 1.0 (see <see cref="PocketSphinxSpotter"/> for the exact mapping).
/// <see cref="Margin"/> is that log10 margin itself; <see cref="Noisy"/> tells whether it beat the phrase's noisy
/// threshold or its quiet one.
/// </summary>
internal sealed record SpottedPhrase(Phrase Phrase, TimeSpan Start, TimeSpan End, double Confidence)
{
    public double Margin { get; init; }

    /// <summary>
    /// The best margin the detection reached while its utterance lasted. PocketSphinx keeps improving a detection after
    /// it is first reported, and a spotter with a stricter threshold reports it once it beats that threshold: threshold
    /// calibration sweeps over this figure, since a sweep over <see cref="Margin"/> underestimates what stricter runs find.
    /// The spotter raises it after the report, until the leg's utterance ends.
    /// </summary>
    public double BestMargin { get; set; }

    public bool Noisy { get; init; }
}
