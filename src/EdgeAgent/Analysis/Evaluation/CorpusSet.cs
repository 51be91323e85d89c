namespace EdgeCc.Agent.Analysis.Evaluation;

/// <summary>
/// Files of one kind (one band, one codec and noise condition) and the phrase list they are scored against: every
/// phrase of the list counts for false alarms, also in files where none is spoken.
/// </summary>
internal sealed record CorpusSet
{
    public const string Wideband = "wideband";
    public const string Narrowband = "narrowband";

    public string Name { get; init; } = "";

    /// <summary><see cref="Wideband"/> (16 kHz PCM16) or <see cref="Narrowband"/> (8 kHz PCM16 after a G.711 round trip).</summary>
    public string Band { get; init; } = Wideband;

    public string? Description { get; init; }

    public List<Phrase> Phrases { get; init; } = [];

    public List<CorpusItem> Items { get; init; } = [];

    public bool IsNarrowband => Band == Narrowband;
}
