namespace EdgeCc.Agent.Analysis;

/// <summary>Spots configured phrases in one leg's audio. One thread at a time; reusable leg after leg.</summary>
internal interface IKeywordSpotter : IDisposable
{
    /// <summary>Feeds 16 kHz mono PCM (any frame size) and appends the phrases found so far, each once.</summary>
    void Process(ReadOnlySpan<short> samples, ICollection<SpottedPhrase> found);

    /// <summary>Ends the leg's audio: appends what was still pending and starts a new leg whose time restarts at 0.</summary>
    void Finish(ICollection<SpottedPhrase> found);
}
