using System.Globalization;
using System.Text;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// What every decoder of a pool shares: the acoustic model directory, a pronunciation dictionary with only the
/// configured phrases' words, and a keyphrase file (<c>phrase /1e-20/</c> per line), both in a private temporary
/// directory that lives as long as this object. One model per <see cref="SpottingBand"/>: the keyphrase thresholds
/// (<see cref="Phrase.ThresholdFor(SpottingBand, bool)"/>) and the decoder's front-end arguments differ between wideband
/// and narrowband legs. The decoder searches at the looser of a phrase's quiet and noisy thresholds; the spotter keeps
/// what beats the threshold of the leg's condition.
/// </summary>
internal sealed class KeywordModel : IDisposable
{
    /// <summary>Files the acoustic model must have (ps_init would fail with no useful message otherwise).</summary>
    private static readonly string[] s_modelFiles = ["mdef", "means", "variances", "transition_matrices"];

    /// <summary>Keyphrases one phrase may be searched as (its pronunciation variants): each costs every decoder.</summary>
    public const int MaxVariants = 8;

    /// <summary>Cepstral coefficients per frame of the en-us model (feat.params: 1s_c_d_dd over 13 cepstra).</summary>
    public const int CepstraCount = 13;

    private readonly Dictionary<string, Phrase> _phrases;

    /// <summary>What the model was built from: the noisy-leg boundary and the competition rule come from it.</summary>
    private readonly AnalysisOptions _options;

    private KeywordModel(
        SpottingBand band,
        string modelDirectory,
        string directory,
        string dictionaryPath,
        string keyphrasePath,
        Dictionary<string, Phrase> phrases,
        int wordCount,
        IReadOnlyList<string> decoderArguments,
        float[]? initialCepstralMean,
        AnalysisOptions options)
    {
        _options = options;
        InitialCepstralMean = initialCepstralMean;
        Band = band;
        DecoderArguments = decoderArguments;
        ModelDirectory = modelDirectory;
        Directory = directory;
        DictionaryPath = dictionaryPath;
        KeyphrasePath = keyphrasePath;
        _phrases = phrases;
        WordCount = wordCount;
    }

    public SpottingBand Band { get; }

    /// <summary>Overlapping detections of different phrases compete (<see cref="AnalysisOptions.BestOfOverlappingPhrases"/>).</summary>
    public bool BestOfOverlappingPhrases => _options.BestOfOverlappingPhrases;

    /// <summary>PocketSphinx arguments of this band, added to the ones every decoder gets.</summary>
    public IReadOnlyList<string> DecoderArguments { get; }

    /// <summary>The live CMN's starting mean for this band; null: the model's (feat.params <c>-cmninit</c>).</summary>
    public IReadOnlyList<float>? InitialCepstralMean { get; }

    public string ModelDirectory { get; }

    /// <summary>The temporary directory holding <see cref="DictionaryPath"/> and <see cref="KeyphrasePath"/>.</summary>
    public string Directory { get; }

    public string DictionaryPath { get; }

    public string KeyphrasePath { get; }

    public int PhraseCount => _phrases.Count;

    public int WordCount { get; }

    /// <summary>Builds the files; throws with the configuration key in the message when the options cannot work.</summary>
    public static KeywordModel Create(AnalysisOptions options, SpottingBand band = SpottingBand.Wideband, bool fullDictionary = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckModelDirectory(options.ModelDirectory);
        var decoderArguments = band == SpottingBand.Narrowband ? NarrowbandArguments(options.Narrowband) : [];
        decoderArguments.AddRange(["-kws_plp", string.Create(CultureInfo.InvariantCulture, $"1e{options.PhoneLoopProbabilityFor(band)}")]);
        var initialMean = band == SpottingBand.Narrowband ? ReadCepstralMean(options.Narrowband) : null;
        if (options.Phrases.Count == 0)
        {
            throw new InvalidOperationException("Analysis:Phrases is empty: configure at least one phrase");
        }

        if (!File.Exists(options.DictionaryPath))
        {
            throw new FileNotFoundException(
                $"Analysis:DictionaryPath '{options.DictionaryPath}' does not exist (install pocketsphinx-en-us)", options.DictionaryPath);
        }

        var phrases = new Dictionary<string, Phrase>(StringComparer.Ordinal);
        var words = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Phrases.Count; i++)
        {
            var phrase = options.Phrases[i];
            var text = PronunciationDictionary.Normalize(phrase.Text);
            if (text.Length == 0 || !phrases.TryAdd(text, phrase))
            {
                throw new InvalidOperationException($"Analysis:Phrases:{i}:Text '{phrase.Text}' is empty or configured twice");
            }

            words.UnionWith(PronunciationDictionary.Words(text));
        }

        var dictionary = PronunciationDictionary.Load(options.DictionaryPath, words, options.Pronunciations, ModelPhones(options));
        if (DictionaryFailures(options, dictionary) is [var failure, ..])
        {
            throw new InvalidOperationException(failure);
        }

        var directory = System.IO.Directory.CreateTempSubdirectory("edgecc-kws-").FullName;
        try
        {
            var dictionaryPath = options.DictionaryPath;
            if (!fullDictionary)
            {
                dictionaryPath = Path.Combine(directory, "phrases.dict");
                dictionary.WriteTo(dictionaryPath);
            }
            else if (options.Pronunciations.Count > 0)
            {
                dictionaryPath = Path.Combine(directory, "full.dict");
                dictionary.WriteFullTo(dictionaryPath);
            }

            var keyphrasePath = Path.Combine(directory, "phrases.kws");
            File.WriteAllText(keyphrasePath, KeyphraseFile(phrases, dictionary, band), new UTF8Encoding(false));
            return new KeywordModel(
                band, Path.GetFullPath(options.ModelDirectory), directory, dictionaryPath, keyphrasePath, phrases, dictionary.WordCount, decoderArguments, initialMean, options);
        }
        catch
        {
            System.IO.Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>Throws the message the validator gives when the acoustic model is missing or incomplete.</summary>
    public static void CheckModelDirectory(string modelDirectory)
    {
        if (!System.IO.Directory.Exists(modelDirectory))
        {
            throw new DirectoryNotFoundException($"Analysis:ModelDirectory '{modelDirectory}' does not exist (install pocketsphinx-en-us)");
        }

        foreach (var file in s_modelFiles)
        {
            if (!File.Exists(Path.Combine(modelDirectory, file)))
            {
                throw new FileNotFoundException(
                    $"Analysis:ModelDirectory '{modelDirectory}' has no '{file}': it is not a PocketSphinx acoustic model (install pocketsphinx-en-us)",
                    Path.Combine(modelDirectory, file));
            }
        }
    }

    /// <summary>The sample rate a leg of <paramref name="sampleRate"/> Hz is spotted as.</summary>
    public static SpottingBand BandOf(int sampleRate) => sampleRate < PocketSphinxSpotter.SampleRate ? SpottingBand.Narrowband : SpottingBand.Wideband;

    /// <summary>
    /// A path of <c>Analysis:Narrowband</c>: relative ones are taken from the application directory, where the build
    /// and the package put the shipped models.
    /// </summary>
    public static string ResolvePath(string path) => Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);

    /// <summary>The threshold exponent <paramref name="phrase"/> fires at in this model's band, on a quiet or <paramref name="noisy"/> leg.</summary>
    public int ThresholdOf(Phrase phrase, bool noisy)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        return phrase.ThresholdFor(Band, noisy);
    }

    /// <summary>Whether a leg with <paramref name="speechToNoiseDb"/> counts as noisy (<see cref="AnalysisOptions.IsNoisy"/>).</summary>
    public bool IsNoisy(double? speechToNoiseDb) => _options.IsNoisy(speechToNoiseDb);

    /// <summary>The configured phrase a keyphrase string from the decoder stands for.</summary>
    public Phrase? Find(string keyphrase) => _phrases.GetValueOrDefault(PronunciationDictionary.BaseText(keyphrase));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Already gone or busy: a temp directory is not worth failing a shutdown for.
        }
    }

    private static List<string> NarrowbandArguments(NarrowbandOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.MllrPath))
        {
            return [];
        }

        var path = ResolvePath(options.MllrPath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Analysis:Narrowband:MllrPath '{options.MllrPath}' does not exist ({path}): give an MLLR file (scripts/make-narrowband-adaptation.sh) or \"\" for none",
                path);
        }

        return ["-mllr", path];
    }

    /// <summary>What is wrong with the files <c>Analysis:Narrowband</c> names, one message per key; empty when they work.</summary>
    public static List<string> NarrowbandFailures(NarrowbandOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Try(() => NarrowbandArguments(options));
        Try(() => ReadCepstralMean(options));
        return failures;

        void Try(Func<object?> check)
        {
            try
            {
                _ = check();
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                failures.Add(e.Message);
            }
        }
    }

    /// <summary>The initial cepstral mean of <c>Analysis:Narrowband:CepstralMeanPath</c>; null when the path is empty.</summary>
    public static float[]? ReadCepstralMean(NarrowbandOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.CepstralMeanPath))
        {
            return null;
        }

        const string key = "Analysis:Narrowband:CepstralMeanPath";
        var path = ResolvePath(options.CepstralMeanPath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"{key} '{options.CepstralMeanPath}' does not exist ({path}): give a cmninit file (scripts/make-narrowband-adaptation.sh) or \"\" for none",
                path);
        }

        var parts = File.ReadAllText(path).Trim().Split(',');
        var values = new float[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!float.TryParse(parts[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !float.IsFinite(values[i]))
            {
                throw new InvalidOperationException(
                    $"{key} '{options.CepstralMeanPath}': value {i + 1} '{parts[i].Trim()}' is not a number (expected {CepstraCount} comma-separated numbers)");
            }
        }

        if (values.Length != CepstraCount)
        {
            throw new InvalidOperationException(
                $"{key} '{options.CepstralMeanPath}' has {values.Length} values; the model's cepstra have {CepstraCount}");
        }

        return values;
    }

    /// <summary>
    /// What is wrong with the phrases' words in <paramref name="dictionary"/> (loaded with the configured
    /// pronunciations), one message per problem naming its configuration key; empty when every phrase can be searched.
    /// </summary>
    public static List<string> DictionaryFailures(AnalysisOptions options, PronunciationDictionary dictionary)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dictionary);
        var failures = new List<string>(dictionary.Failures);
        for (var i = 0; i < options.Phrases.Count; i++)
        {
            var text = PronunciationDictionary.Normalize(options.Phrases[i]?.Text ?? "");
            var missing = PronunciationDictionary.Words(text).Where(w => !dictionary.Contains(w)).ToList();
            foreach (var word in missing)
            {
                failures.Add($"Analysis:Phrases:{i}:Text: word '{word}' is not in the pronunciation dictionary {options.DictionaryPath}: add it to Analysis:Pronunciations");
            }

            if (missing.Count == 0 && PronunciationDictionary.Words(text).Aggregate(1L, (n, w) => n * dictionary.Variants(w).Count) is var count and > MaxVariants)
            {
                failures.Add($"Analysis:Phrases:{i}:Text '{text}' has {count} pronunciations with Analysis:Pronunciations (at most {MaxVariants}): each is a keyphrase every decoder searches");
            }
        }

        return failures;
    }

    /// <summary>The phones configured pronunciations may use: the model's, read only when there are any.</summary>
    public static HashSet<string>? ModelPhones(AnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Pronunciations.Count == 0 ? null : AcousticModelPhones.Read(options.ModelDirectory);
    }

    /// <summary>The keyphrases <paramref name="text"/> is searched as: every combination of its words' <see cref="PronunciationDictionary.Variants"/>.</summary>
    public static List<string> Keyphrases(string text, PronunciationDictionary dictionary)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        List<string> keyphrases = [""];
        foreach (var word in PronunciationDictionary.Words(text))
        {
            keyphrases = [.. keyphrases.SelectMany(k => dictionary.Variants(word).Select(v => k.Length == 0 ? v : k + " " + v))];
        }

        return keyphrases;
    }

    private static string KeyphraseFile(Dictionary<string, Phrase> phrases, PronunciationDictionary dictionary, SpottingBand band)
    {
        var builder = new StringBuilder();
        foreach (var (text, phrase) in phrases)
        {
            foreach (var keyphrase in Keyphrases(text, dictionary))
            {
                // kws_search.c reads the threshold between the last two slashes with atof: "1e-20".
                builder.Append(keyphrase).Append(" /1e").Append(phrase.SearchThresholdFor(band).ToString(CultureInfo.InvariantCulture)).Append("/\n");
            }
        }

        return builder.ToString();
    }
}
