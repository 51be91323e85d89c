using System.ComponentModel.DataAnnotations;

namespace EdgeCc.Agent.Analysis;

/// <summary>Configuration section <c>Analysis</c>.</summary>
public sealed class AnalysisOptions
{
    public const string Section = "Analysis";

    /// <summary>The PocketSphinx acoustic model directory (Debian: pocketsphinx-en-us).</summary>
    [Required]
    public string ModelDirectory { get; set; } = "/usr/share/pocketsphinx/model/en-us/en-us";

    /// <summary>The full pronunciation dictionary; only the configured phrases' words are taken from it.</summary>
    [Required]
    public string DictionaryPath { get; set; } = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict";

    /// <summary>Analysis workers; each owns the calls hashed to it. 0 means one per core.</summary>
    [Range(0, 64)]
    public int Workers { get; set; }

    /// <summary>Frames queued per worker before the source waits.</summary>
    [Range(16, 100_000)]
    public int QueueCapacity { get; set; } = 2_000;

    /// <summary>
    /// The spotter hears only what voice activity calls speech (plus a short pre-roll): a leg is
    /// about half silence, and the decoder costs the same per frame whether or not anyone speaks.
    /// </summary>
    public bool SpotSpeechOnly { get; set; } = true;

    public List<Phrase> Phrases { get; set; } = [];

    public NarrowbandOptions Narrowband { get; set; } = new();

    public VoiceActivityOptions VoiceActivity { get; set; } = new();

    public ProsodyOptions Prosody { get; set; } = new();

    public TalkMetricsOptions Talk { get; set; } = new();

    public SentimentOptions Sentiment { get; set; } = new();

    public TopicTrendOptions TopicTrends { get; set; } = new();
}
