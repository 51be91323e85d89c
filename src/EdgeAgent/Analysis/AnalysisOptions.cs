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

    /// <summary>
    /// Pronunciations beyond <see cref="DictionaryPath"/>'s, per word (phones of the model, "K AA N T"): a word missing
    /// from the dictionary (a product name), or one the floor's callers say differently (cmudict is General American:
    /// "can't" as K AE N T only). A phrase is searched in every combination of its words' pronunciations.
    /// </summary>
    public Dictionary<string, string[]> Pronunciations { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The loosest <see cref="PhoneLoopProbability"/>.</summary>
    public const int MinPhoneLoopProbability = -40;

    /// <summary>
    /// PocketSphinx's <c>-kws_plp</c> as an exponent (1e<c>n</c>): the prior of the phone loop that every phrase has to
    /// beat. PocketSphinx's default, 1e-1, lets the loop win on short or unusual phrases before the phrase's own path
    /// is scored to its end: measured by <c>edgecc eval --calibrate</c> on the synthetic corpus, a lower prior found
    /// more phrases at the same false-alarm budget (docs in eval/README.md). Thresholds are calibrated for one value.
    /// </summary>
    [Range(MinPhoneLoopProbability, 0)]
    public int PhoneLoopProbability { get; set; } = -8;

    /// <summary>The phone-loop probability exponent a leg of <paramref name="band"/> is decoded with.</summary>
    public int PhoneLoopProbabilityFor(SpottingBand band)
        => band == SpottingBand.Narrowband ? Narrowband.PhoneLoopProbability ?? PhoneLoopProbability : PhoneLoopProbability;

    /// <summary>
    /// A leg whose speech stands less than this many dB over its noise floor (<see cref="VoiceActivityDetector.SpeechToNoiseDb"/>)
    /// is spotted with its phrases' noisy thresholds (<see cref="Phrase.NoisyThreshold"/>): in noise a phrase's false
    /// alarms score higher, and one threshold for both would either flood a speakerphone caller's leg with them or
    /// miss the phrase on every headset. Measured by <c>edgecc eval</c>: the synthetic corpus's clean and G.711 sets
    /// 45-56 dB, its noisy sets (15 dB noise under speech RMS, hum on half their files) 13-29 dB through the
    /// <see cref="HighPassHz"/> filter (15-22 dB without it), the real read recordings 25-56 dB.
    /// </summary>
    [Range(0, 60)]
    public int NoisyBelowSnrDb { get; set; } = 22;

    /// <summary>
    /// The cutoff of the high-pass every leg's voice activity and keyword spotter hear it through (at 16 kHz, after a
    /// narrowband leg is upsampled; <see cref="SpeechHighPass"/>); 0: none. Thresholds are calibrated for one cutoff.
    /// </summary>
    public int HighPassHz { get; set; } = 250;

    /// <summary>
    /// When two different phrases are found over the same stretch of a leg ("seven of hearts" and "ten of clubs" over
    /// "seven of clubs"), only the better match is reported: one stretch of speech says one of them at most. A phrase
    /// nested in another ("cancel" in "cancel my account") does not compete with it. A phrase reported before its
    /// rival was found stays reported. Off for calibration's permissive run, whose detections compete at thresholds no
    /// leg uses.
    /// </summary>
    public bool BestOfOverlappingPhrases { get; set; } = true;

    /// <summary>Whether a leg with <paramref name="speechToNoiseDb"/> (null: not known yet) counts as noisy.</summary>
    public bool IsNoisy(double? speechToNoiseDb) => speechToNoiseDb < NoisyBelowSnrDb;

    /// <summary>These options with <paramref name="phrases"/> instead of <see cref="Phrases"/> (the sections are shared, not copied).</summary>
    public AnalysisOptions WithPhrases(IEnumerable<Phrase> phrases)
    {
        var copy = (AnalysisOptions)MemberwiseClone();
        copy.Phrases = [.. phrases];
        return copy;
    }

    public NarrowbandOptions Narrowband { get; set; } = new();

    public VoiceActivityOptions VoiceActivity { get; set; } = new();

    public ProsodyOptions Prosody { get; set; } = new();

    public TalkMetricsOptions Talk { get; set; } = new();

    public SentimentOptions Sentiment { get; set; } = new();

    public TopicTrendOptions TopicTrends { get; set; } = new();
}
