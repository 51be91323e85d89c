namespace EdgeCc.Agent.Analysis.Evaluation;

/// <summary>
/// One spoken occurrence of a listed phrase in a corpus file, in seconds from the file's start. Both times are null
/// for a real recording without an alignment: then only the count per file is scored.
/// </summary>
internal sealed record LabelledPhrase
{
    public string Text { get; init; } = "";

    public double? Start { get; init; }

    public double? End { get; init; }

    public bool HasTimes => Start is not null && End is not null;
}
