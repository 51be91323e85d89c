using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Tests.Deploy;
using Xunit.Abstractions;

namespace EdgeCc.Agent.Tests.Analysis;

/// <summary>
/// scripts/make-eval-corpus.sh and its labels (see schemas/eval-corpus.schema.json): the manifest holds to the
/// schema, every file is what its set's band says, and each labelled phrase is where the label says, checked by
/// its energy and by the real PocketSphinx spotter.
/// </summary>
public sealed partial class EvalCorpusScriptTests(EvalCorpusFixture corpus, ITestOutputHelper output) : IClassFixture<EvalCorpusFixture>
{
    private static readonly string[] ExpectedSets =
    [
        "synthetic-wideband-clean", "synthetic-wideband-g722", "synthetic-wideband-noisy", "synthetic-narrowband-ulaw",
        "synthetic-narrowband-alaw", "synthetic-narrowband-ulaw-noisy", "real-wideband", "real-narrowband",
    ];

    [Fact]
    public async Task Manifest_matches_the_committed_schema_and_lists_every_set()
    {
        TestPaths.RequireFile("/usr/lib/python3/dist-packages/jsonschema", "python3-jsonschema");
        var (code, stdout, stderr) = await ExternalTool.RunAsync(
            "/usr/bin/python3", TestPaths.Repo("schemas/validate.py"), "eval-corpus.schema.json", Path.Combine(corpus.Directory, "manifest.json"));

        Assert.True(code == 0, stdout + stderr);
        Assert.Equal(ExpectedSets, Sets().Select(s => (string)s["name"]!));
        Assert.All(Sets(), s => Assert.NotEmpty(s["items"]!.AsArray()));
    }

    [Fact]
    public async Task Schema_rejects_a_manifest_with_a_wrong_band_or_a_phrase_without_end()
    {
        var bad = (JsonObject)corpus.Manifest.DeepClone();
        bad["sets"]![0]!["band"] = "fullband";
        var badPath = Path.Combine(corpus.Directory, "bad-band.json");
        await File.WriteAllTextAsync(badPath, bad.ToJsonString());
        var noEnd = (JsonObject)corpus.Manifest.DeepClone();
        noEnd["sets"]![0]!["items"]![0]!["phrases"]![0]!.AsObject().Remove("end");
        var noEndPath = Path.Combine(corpus.Directory, "no-end.json");
        await File.WriteAllTextAsync(noEndPath, noEnd.ToJsonString());

        var (code, stdout, _) = await ExternalTool.RunAsync(
            "/usr/bin/python3", TestPaths.Repo("schemas/validate.py"), "eval-corpus.schema.json", badPath, noEndPath);

        Assert.Equal(1, code);
        Assert.Equal(2, stdout.Split('\n').Count(l => l.StartsWith("invalid ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_file_is_mono_pcm16_at_its_bands_rate_with_the_listed_duration()
    {
        var files = 0;
        foreach (var set in Sets())
        {
            var rate = (string)set["band"]! == "wideband" ? 16_000 : 8_000;
            foreach (var item in set["items"]!.AsArray())
            {
                var path = Path.Combine(corpus.Directory, (string)item!["file"]!);
                var wav = Wav.Read(path);
                Assert.True(wav.Format == 1 && wav.Channels == 1 && wav.Bits == 16, $"{path}: format {wav.Format}, {wav.Channels} channels, {wav.Bits} bit");
                Assert.Equal(rate, wav.Rate);
                Assert.Equal((double)item["durationSeconds"]!, wav.Samples.Length / (double)rate, 3);
                foreach (var p in item["phrases"]!.AsArray())
                {
                    if (p!["start"] is not null)
                    {
                        Assert.InRange((double)p["start"]!, 0, (double)p["end"]!);
                        Assert.InRange((double)p["end"]!, 0, wav.Samples.Length / (double)rate);
                    }
                }

                files++;
            }
        }

        // 6 synthetic sets with one dialogue side each, and the 18 real recordings twice.
        Assert.Equal(6 + 36, files);
    }

    [Fact]
    public void Each_labelled_phrase_is_speech_that_starts_and_ends_within_50_ms_of_its_label()
    {
        var checkedPhrases = 0;
        foreach (var set in Sets().Where(s => ((string)s["name"]!).StartsWith("synthetic-", StringComparison.Ordinal)))
        {
            var noisy = ((string)set["name"]!).Contains("noisy", StringComparison.Ordinal);
            var wideband = (string)set["band"]! == "wideband";
            foreach (var item in set["items"]!.AsArray())
            {
                var wav = Wav.Read(Path.Combine(corpus.Directory, (string)item!["file"]!));
                foreach (var p in item["phrases"]!.AsArray())
                {
                    var (start, end) = ((double)p!["start"]!, (double)p["end"]!);
                    var name = $"{item["file"]} '{p["text"]}' {start:F3}-{end:F3}";
                    var phrase = wav.Dbfs(start, end);
                    Assert.True(phrase > -35, $"{name}: {phrase:F1} dBFS is not speech");
                    if (noisy)
                    {
                        continue;
                    }

                    // Chunks are joined with at least 60 ms of pause: just outside the label is the -70 dBFS floor
                    // (raised by the codec's own noise), so no speech is cut off.
                    var before = wav.Dbfs(start - 0.05, start - 0.005);
                    var after = wav.Dbfs(end + 0.005, end + 0.05);
                    Assert.True(before < -50 && after < -50, $"{name}: {before:F1} / {after:F1} dBFS just outside the label");
                    checkedPhrases++;
                    if (!wideband)
                    {
                        // A word's last sound can lie above 4 kHz (a breathy release): at 8 kHz its label ends in near-silence.
                        continue;
                    }

                    // And just inside it are the phrase's first and last sounds: the label does not pad the phrase.
                    var onset = wav.Dbfs(start, start + 0.05);
                    var offset = wav.Dbfs(end - 0.05, end);
                    Assert.True(onset > before + 15 && offset > after + 15, $"{name}: onset {onset:F1} offset {offset:F1} dBFS");
                }
            }
        }

        Assert.True(checkedPhrases >= 4 * 5, $"only {checkedPhrases} labels checked");
    }

    [Fact]
    public void PocketSphinx_finds_the_labelled_phrases_of_the_clean_set_at_their_labels()
    {
        var set = Sets().Single(s => (string)s["name"]! == "synthetic-wideband-clean");
        var options = new AnalysisOptions { ModelDirectory = TestPaths.RequireFile(SpeechFixtures.ModelDirectory, "pocketsphinx-en-us") };
        foreach (var p in set["phrases"]!.AsArray())
        {
            options.Phrases.Add(new Phrase { Text = (string)p!["Text"]!, Category = (string)p["Category"]!, Threshold = (int)p["Threshold"]! });
        }

        using var model = KeywordModel.Create(options);
        var expected = 0;
        var matched = 0;
        foreach (var item in set["items"]!.AsArray())
        {
            using var spotter = new PocketSphinxSpotter(model);
            var found = SpeechFixtures.Spot(spotter, Wav.Read(Path.Combine(corpus.Directory, (string)item!["file"]!)).Samples);
            foreach (var f in found)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{item["file"]}\t{f.Phrase.Text}\t{f.Start.TotalSeconds:F2}\t{f.End.TotalSeconds:F2}"));
            }

            foreach (var p in item["phrases"]!.AsArray())
            {
                var (text, start, end) = ((string)p!["text"]!, (double)p["start"]!, (double)p["end"]!);
                expected++;
                // The eval's matching rule (CORPUS-FORMAT.md): the detection overlaps [start - 0.5 s, end + 0.5 s].
                var hit = found.FirstOrDefault(f => f.Phrase.Text == text && f.Start.TotalSeconds <= end + 0.5 && f.End.TotalSeconds >= start - 0.5);
                if (hit is null)
                {
                    output.WriteLine($"not found: {text} {start:F2}-{end:F2}");
                    continue;
                }

                // PocketSphinx places a phrase to its 10 ms frames; its end often stops before a vowel's decay, and with a
                // costly phone loop (1e-8) the phrase's first phone may take in a little of the pause before it.
                Assert.InRange(hit.Start.TotalSeconds - start, -0.15, 0.1);
                Assert.InRange(hit.End.TotalSeconds - end, -0.3, 0.1);
                matched++;
            }
        }

        Assert.True(expected >= 5 && matched == expected, $"{matched} of {expected} labelled phrases found at their labels");
    }

    [Fact]
    public void Real_sets_count_phrases_from_the_transcripts_with_aligned_times_for_librivox()
    {
        var set = Sets().Single(s => (string)s["name"]! == "real-wideband");
        var items = set["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.Equal(18, items.Count);
        var librivox = items.Single(i => ((string)i["source"]!).EndsWith("0880.wav", StringComparison.Ordinal));
        var ill = Assert.Single(librivox["phrases"]!.AsArray());
        var (start, end) = SpeechFixtures.AlignedTimes("sense_and_sensibility_01_austen_64kb-0880", "ill disposed");
        Assert.Equal(start, (double)ill!["start"]!, 3);
        Assert.Equal(end, (double)ill["end"]!, 3);
        var cards = items.Single(i => ((string)i["source"]!).EndsWith("cards/005.wav", StringComparison.Ordinal));
        var seven = Assert.Single(cards["phrases"]!.AsArray());
        Assert.Equal("seven of hearts", (string)seven!["text"]!);
        Assert.Null(seven["start"]);
        var listed = set["phrases"]!.AsArray().Select(p => (string)p!["Text"]!).ToHashSet();
        Assert.Contains("nine of diamonds", listed);
        Assert.DoesNotContain(items.SelectMany(i => i["phrases"]!.AsArray()), p => (string)p!["text"]! == "nine of diamonds");
    }

    [Fact]
    public async Task Same_inputs_give_the_same_files_and_manifest()
    {
        var again = corpus.Directory + "-again";
        try
        {
            await EvalCorpusFixture.Build(again, "synthetic-wideband-noisy,real-narrowband");
            var rebuilt = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(again, "manifest.json")))!;
            foreach (var set in rebuilt["sets"]!.AsArray())
            {
                var first = Sets().Single(s => (string)s["name"]! == (string)set!["name"]!);
                Assert.Equal(first.ToJsonString(), set!.ToJsonString());
                foreach (var item in set["items"]!.AsArray())
                {
                    var file = (string)item!["file"]!;
                    var before = await File.ReadAllBytesAsync(Path.Combine(corpus.Directory, file));
                    var after = await File.ReadAllBytesAsync(Path.Combine(again, file));
                    Assert.True(before.AsSpan().SequenceEqual(after), file + " differs between two builds");
                }
            }
        }
        finally
        {
            if (Directory.Exists(again))
            {
                Directory.Delete(again, recursive: true);
            }
        }
    }

    [Fact]
    public void Dialogues_say_every_listed_phrase_ten_times_in_dictionary_words()
    {
        var dictionary = File.ReadLines(SpeechFixtures.DictionaryPath).Select(l => l.Split(' ')[0]).ToHashSet(StringComparer.Ordinal);
        var phrases = JsonNode.Parse(File.ReadAllText(TestPaths.Repo("samples/phrases.json")))!.AsArray().Select(p => (string)p!["Text"]!).ToList();
        var counts = phrases.ToDictionary(p => p, _ => 0);
        var lines = 0;
        var phraseFree = 0;
        foreach (var path in Directory.GetFiles(TestPaths.Repo("eval/dialogues"), "*.txt"))
        {
            foreach (var line in File.ReadLines(path).Where(l => l.StartsWith("A:", StringComparison.Ordinal) || l.StartsWith("C:", StringComparison.Ordinal)))
            {
                var words = Words().Matches(line[2..].ToLowerInvariant()).Select(m => m.Value).ToList();
                Assert.All(words, w => Assert.True(dictionary.Contains(w), $"{Path.GetFileName(path)}: '{w}' is not in the dictionary"));
                var joined = " " + string.Join(' ', words) + " ";
                var any = false;
                foreach (var p in phrases)
                {
                    for (var at = joined.IndexOf(" " + p + " ", StringComparison.Ordinal); at >= 0; at = joined.IndexOf(" " + p + " ", at + 1, StringComparison.Ordinal))
                    {
                        counts[p]++;
                        any = true;
                    }
                }

                lines++;
                phraseFree += any ? 0 : 1;
            }
        }

        Assert.All(counts, c => Assert.True(c.Value >= 10, $"'{c.Key}' is said {c.Value} times"));
        Assert.True(phraseFree * 2 > lines, $"{phraseFree} of {lines} lines are phrase-free");
    }

    private IEnumerable<JsonObject> Sets() => corpus.Manifest["sets"]!.AsArray().Select(s => s!.AsObject());

    [GeneratedRegex("[a-z']+")]
    private static partial Regex Words();

    /// <summary>A RIFF/WAVE file's fmt fields and PCM16 samples.</summary>
    private sealed record Wav(int Format, int Channels, int Rate, int Bits, short[] Samples)
    {
        public static Wav Read(string path)
        {
            var bytes = File.ReadAllBytes(path);
            Assert.Equal("RIFF", Encoding.ASCII.GetString(bytes, 0, 4));
            Assert.Equal("WAVE", Encoding.ASCII.GetString(bytes, 8, 4));
            int format = 0, channels = 0, rate = 0, bits = 0;
            for (var at = 12; at + 8 <= bytes.Length;)
            {
                var id = Encoding.ASCII.GetString(bytes, at, 4);
                var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 4));
                if (id == "fmt ")
                {
                    format = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(at + 8));
                    channels = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(at + 10));
                    rate = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 12));
                    bits = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(at + 22));
                }
                else if (id == "data")
                {
                    return new Wav(format, channels, rate, bits, SpeechFixtures.ReadWav(path));
                }

                at += 8 + size + (size & 1);
            }

            throw new InvalidDataException(path + " has no data chunk");
        }

        /// <summary>RMS level of [from, to) seconds in dB relative to full scale.</summary>
        public double Dbfs(double from, double to)
        {
            var a = Math.Clamp((int)Math.Round(from * Rate), 0, Samples.Length);
            var b = Math.Clamp((int)Math.Round(to * Rate), a, Samples.Length);
            var sum = 0.0;
            for (var i = a; i < b; i++)
            {
                sum += (double)Samples[i] * Samples[i];
            }

            return b > a ? 10 * Math.Log10((sum / (b - a)) + 1e-9) - (20 * Math.Log10(32768)) : double.NegativeInfinity;
        }
    }
}
