namespace EdgeCc.Agent.Analysis;

/// <summary>Spots configured phrases in one leg's audio. One thread at a time; reusable leg after leg.</summary>
internal interface IKeywordSpotter : IDisposable
{
    /// <summary>
    /// The leg's speech level over its noise floor so far, dB (null: not known yet): which of a phrase's thresholds,
    /// quiet or noisy, the next reports have to beat.
    /// </summary>
    double? SpeechToNoiseDb { get; set; }

    /// <summary>Feeds 16 kHz mono PCM (any frame size) and appends the phrases found so far, each once.</summary>
    void Process(ReadOnlySpan<short> samples, ICollection<SpottedPhrase> found);

    /// <summary>Ends the leg's audio: appends what was still pending and starts a new leg whose time restarts at 0.</summary>
    void Finish(ICollection<SpottedPhrase> found);

    /// <summary>
    /// Ends one stretch of the leg's speech: appends what was pending, and the next audio's time restarts at 0, but
    /// what the decoder learnt of the leg's channel (its cepstral mean) carries on to the next stretch.
    /// </summary>
    void EndSegment(ICollection<SpottedPhrase> found);
}
