using System.Globalization;
using System.Text;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// What every decoder of a pool shares: the acoustic model directory, a pronunciation dictionary with only the
/// configured phrases' words, and a keyphrase file (<c>phrase /1e-20/</c> per line), both in a private temporary
/// directory that lives as long as this object.
/// </summary>
internal sealed class KeywordModel : IDisposable
{
    /// <summary>Files the acoustic model must have (ps_init would fail with no useful message otherwise).</summary>
    private static readonly string[] s_modelFiles = ["mdef", "means", "variances", "transition_matrices"];

    private readonly Dictionary<string, Phrase> _phrases;

    private KeywordModel(string modelDirectory, string directory, string dictionaryPath, string keyphrasePath, Dictionary<string, Phrase> phrases, int wordCount)
    {
        ModelDirectory = modelDirectory;
        Directory = directory;
        DictionaryPath = dictionaryPath;
        KeyphrasePath = keyphrasePath;
        _phrases = phrases;
        WordCount = wordCount;
    }

    public string ModelDirectory { get; }

    /// <summary>The temporary directory holding <see cref="DictionaryPath"/> and <see cref="KeyphrasePath"/>.</summary>
    public string Directory { get; }

    public string DictionaryPath { get; }

    public string KeyphrasePath { get; }

    public int PhraseCount => _phrases.Count;

    public int WordCount { get; }

    /// <summary>Builds the files; throws with the configuration key in the message when the options cannot work.</summary>
    public static KeywordModel Create(AnalysisOptions options, bool fullDictionary = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckModelDirectory(options.ModelDirectory);
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

        var dictionary = PronunciationDictionary.Load(options.DictionaryPath, words);
        for (var i = 0; i < options.Phrases.Count; i++)
        {
            foreach (var word in PronunciationDictionary.Words(options.Phrases[i].Text))
            {
                if (!dictionary.Contains(word))
                {
                    throw new InvalidOperationException(
                        $"Analysis:Phrases:{i}:Text: word '{word}' is not in the pronunciation dictionary {options.DictionaryPath}");
                }
            }
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

            var keyphrasePath = Path.Combine(directory, "phrases.kws");
            File.WriteAllText(keyphrasePath, KeyphraseFile(phrases), new UTF8Encoding(false));
            return new KeywordModel(Path.GetFullPath(options.ModelDirectory), directory, dictionaryPath, keyphrasePath, phrases, dictionary.WordCount);
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

    /// <summary>The configured phrase a keyphrase string from the decoder stands for.</summary>
    public Phrase? Find(string keyphrase) => _phrases.GetValueOrDefault(keyphrase);

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

    private static string KeyphraseFile(Dictionary<string, Phrase> phrases)
    {
        var builder = new StringBuilder();
        foreach (var (text, phrase) in phrases)
        {
            // kws_search.c reads the threshold between the last two slashes with atof: "1e-20".
            builder.Append(text).Append(" /1e").Append(phrase.Threshold.ToString(CultureInfo.InvariantCulture)).Append("/\n");
        }

        return builder.ToString();
    }
}
