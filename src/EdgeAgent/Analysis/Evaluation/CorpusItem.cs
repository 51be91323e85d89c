namespace EdgeCc.Agent.Analysis.Evaluation;

/// <summary>A mono WAV file of a corpus set and every occurrence of the set's phrases in it (CORPUS-FORMAT.md).</summary>
internal sealed record CorpusItem
{
    /// <summary>Relative to the manifest.</summary>
    public string File { get; init; } = "";

    public double DurationSeconds { get; init; }

    public string? Voice { get; init; }

    public List<LabelledPhrase> Phrases { get; init; } = [];
}
