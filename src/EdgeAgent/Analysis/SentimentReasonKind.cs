namespace EdgeCc.Agent.Analysis;

/// <summary>What moved a sentiment figure.</summary>
public enum SentimentReasonKind
{
    /// <summary>A spotted phrase (valence from its category and weight).</summary>
    Phrase,

    /// <summary>A speaker became agitated (prosody arousal above the threshold).</summary>
    Arousal,

    /// <summary>A party cut in while the other was speaking.</summary>
    Interruption,

    /// <summary>Both parties spoke at once for a large share of the call's speaking time.</summary>
    TalkOver,

    /// <summary>Neither party spoke for longer than the dead-air threshold.</summary>
    DeadAir,

    /// <summary>The customer was put on hold.</summary>
    Hold,
}
