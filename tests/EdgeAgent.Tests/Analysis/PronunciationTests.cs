using EdgeCc.Agent.Analysis;

namespace EdgeCc.Agent.Tests.Analysis;

/// <summary>
/// <c>Analysis:Pronunciations</c>: a word's configured pronunciations become keyphrase variants of every phrase with
/// the word, decoded for real by PocketSphinx (LibriVox 0870 says "mister john dashwood" at 2.3 s).
/// </summary>
public sealed class PronunciationTests : IDisposable
{
    private const string Id = "sense_and_sensibility_01_austen_64kb-0870";
    private const string Phrase = "mister john dashwood";
    private const string Dashwood = "D AE SH W UH D";

    private readonly string _directory = Directory.CreateTempSubdirectory("edgecc-pron-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_configured_pronunciation_finds_a_phrase_the_dictionary_pronounces_wrongly()
    {
        // A dictionary that knows "dashwood" only as something else: the phrase's base keyphrase cannot match.
        var options = Options("dashwood B OW T HH AW S");
        var without = Spot(options);
        options.Pronunciations["dashwood"] = [Dashwood];

        var with = Spot(options);

        Assert.Empty(without);
        var found = Assert.Single(with);
        Assert.Equal(Phrase, found.Phrase.Text);
        var (start, end) = SpeechFixtures.AlignedTimes(Id, Phrase);
        Assert.InRange(found.Start.TotalSeconds, start - 0.5, start + 0.5);
        Assert.InRange(found.End.TotalSeconds, end - 0.5, end + 0.5);
    }

    [Fact]
    public void A_word_missing_from_the_dictionary_is_searched_with_its_configured_pronunciation()
    {
        var options = Options();
        Assert.Contains(
            "Analysis:Phrases:0:Text: word 'dashwood' is not in the pronunciation dictionary",
            Assert.Throws<InvalidOperationException>(() => KeywordModel.Create(options)).Message);
        options.Pronunciations["Dashwood"] = ["d ae sh w uh d"];

        Assert.Equal(Phrase, Assert.Single(Spot(options)).Phrase.Text);
    }

    [Fact]
    public void Variants_are_the_base_entry_and_the_configured_ones_named_as_dictionary_alternates()
    {
        var path = Dictionary("to T UW", "to(2) T IH", "to(3) T AH", "log L AO G", "in IH N", "can't K AE N T");
        var extra = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["to"] = ["T AH"],
            ["log"] = ["L AA G", "L AO G"],
            ["can't"] = ["K AA N T"],
        };

        var dictionary = PronunciationDictionary.Load(path, ["to", "log", "in", "can't"], extra);

        Assert.Empty(dictionary.Failures);
        Assert.Equal(["to", "to(3)"], dictionary.Variants("to"));
        Assert.Equal(["log", "log(2)"], dictionary.Variants("log"));
        Assert.Equal(
            ["can't log in", "can't log(2) in", "can't(2) log in", "can't(2) log(2) in"],
            KeywordModel.Keyphrases("can't log in", dictionary));
        Assert.Equal("can't log in", PronunciationDictionary.BaseText("can't(2) log(2) in"));
        var written = Path.Combine(_directory, "written.dict");
        dictionary.WriteTo(written);
        Assert.Contains("log(2) L AA G", File.ReadAllLines(written));
        Assert.Contains("can't(2) K AA N T", File.ReadAllLines(written));
    }

    [Fact]
    public void The_validator_names_a_bad_pronunciation_and_a_phrase_with_too_many_variants()
    {
        var options = Options();
        options.Phrases.Add(new Phrase { Text = "to to to to", Category = "test" });
        options.Pronunciations["dashwood"] = [Dashwood, "D AE SH W Q D", " "];
        options.Pronunciations["to"] = ["T AH", "T IH"];
        options.Pronunciations["john smith"] = ["JH AA N"];

        var result = new AnalysisOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Analysis:Pronunciations:dashwood:1 'D AE SH W Q D': 'Q' is not a phone of the acoustic model", result.Failures!);
        Assert.Contains(result.Failures!, f => f.StartsWith("Analysis:Pronunciations:dashwood:2 is empty", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Analysis:Phrases:1:Text 'to to to to' has 81 pronunciations", StringComparison.Ordinal));
        Assert.Contains("Analysis:Pronunciations:john smith: a key is one word of a phrase", result.Failures!);
        Assert.DoesNotContain(result.Failures!, f => f.Contains("dashwood' is not in", StringComparison.Ordinal));
    }

    [Fact]
    public void The_phones_of_the_shipped_binary_model_definition_are_read()
    {
        var phones = AcousticModelPhones.Read(SpeechFixtures.ModelDirectory);

        Assert.Equal(42, phones.Count);
        Assert.Superset(new HashSet<string> { "AA", "AE", "ZH", "SIL", "+NSN+" }, phones);
        Assert.Equal(["AA", "SIL"], AcousticModelPhones.Read(WriteMdef("0.3\nAA - - - n/a 0 0 1 2 N\nSIL - - - filler 1 3 4 5 N\nAA B C i n/a 0 6 7 8 N\n")).Order());
        Assert.Throws<InvalidDataException>(() => AcousticModelPhones.Read(WriteMdef("0.3\n# no phones\n")));
    }

    private string WriteMdef(string text)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_directory, "model")).FullName;
        File.WriteAllText(Path.Combine(directory, "mdef"), text);
        return directory;
    }

    /// <summary>The fixture options for <see cref="Phrase"/> over a dictionary of its words (plus <paramref name="dashwood"/> lines).</summary>
    private AnalysisOptions Options(params string[] dashwood)
    {
        var options = SpeechFixtures.Options(Phrase);
        options.DictionaryPath = Dictionary(["mister M IH S T ER", "john JH AA N", "to T UW", "to(2) T IH", "to(3) T AH", .. dashwood]);
        return options;
    }

    private string Dictionary(params string[] lines)
    {
        var path = Path.Combine(_directory, $"words-{Guid.NewGuid():N}.dict");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static List<SpottedPhrase> Spot(AnalysisOptions options)
    {
        using var model = KeywordModel.Create(options);
        using var spotter = new PocketSphinxSpotter(model);
        return SpeechFixtures.Spot(spotter, SpeechFixtures.ReadWav(SpeechFixtures.Librivox(Id)));
    }
}
