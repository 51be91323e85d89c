using System.Buffers.Binary;
using System.Globalization;
using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Audio;

namespace EdgeCc.Agent.Tests.Analysis;

/// <summary>Real recordings for the keyword spotter: pocketsphinx-testdata's LibriVox files and their alignment.</summary>
internal static class SpeechFixtures
{
    public const string LibrivoxDirectory = "/usr/share/pocketsphinx/test/data/librivox";

    public const string ModelDirectory = "/usr/share/pocketsphinx/model/en-us/en-us";

    public const string DictionaryPath = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict";

    /// <summary>Plausible call-center phrases that no LibriVox test file says.</summary>
    public static readonly string[] CallCenterPhrases =
    [
        "cancel my account", "speak to a manager", "i want a refund", "this is unacceptable",
        "file a complaint", "thank you for calling", "credit card number",
    ];

    public static string Librivox(string id)
    {
        TestPaths.RequireFile(ModelDirectory, "pocketsphinx-en-us");
        return TestPaths.RequireFile(Path.Combine(LibrivoxDirectory, id + ".wav"), "pocketsphinx-testdata");
    }

    public static AnalysisOptions Options(params string[] phrases)
    {
        TestPaths.RequireFile(ModelDirectory, "pocketsphinx-en-us");
        TestPaths.RequireFile(DictionaryPath, "pocketsphinx-en-us");
        // PocketSphinx's own phone-loop probability, not the shipped one: these fixtures test the spotter's mechanics
        // (times, overlaps, streaming) with one threshold for every phrase, and at 1e-1 a 2-word and a 4-word phrase
        // of the LibriVox files clear the same -20; the shipped 1e-8 needs per-phrase calibrated thresholds.
        var options = new AnalysisOptions { ModelDirectory = ModelDirectory, DictionaryPath = DictionaryPath, PhoneLoopProbability = -1 };
        foreach (var text in phrases)
        {
            options.Phrases.Add(new Phrase { Text = text, Category = "test", Threshold = -20 });
        }

        return options;
    }

    /// <summary>16-bit PCM samples of a RIFF/WAVE file (the "data" chunk).</summary>
    public static short[] ReadWav(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var at = 12;
        while (at + 8 <= bytes.Length)
        {
            var id = System.Text.Encoding.ASCII.GetString(bytes, at, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 4));
            if (id == "data")
            {
                var length = Math.Min(size, bytes.Length - at - 8) / 2;
                var samples = new short[length];
                for (var i = 0; i < length; i++)
                {
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(at + 8 + (2 * i)));
                }

                return samples;
            }

            at += 8 + size + (size & 1);
        }

        throw new InvalidDataException(path + " has no data chunk");
    }

    /// <summary>Start of the first word and end of the last word of <paramref name="phrase"/> in the forced alignment.</summary>
    public static (double Start, double End) AlignedTimes(string id, string phrase)
    {
        var rows = File.ReadAllLines(TestPaths.Repo("tests/EdgeAgent.Tests/Analysis/Data/librivox-alignment.tsv"))
            .Skip(1)
            .Select(line => line.Split('\t'))
            .Where(cells => cells[0] == id)
            .ToArray();
        var words = phrase.Split(' ');
        for (var i = 0; i + words.Length <= rows.Length; i++)
        {
            if (words.Select((w, k) => rows[i + k][1] == w).All(x => x))
            {
                return (double.Parse(rows[i][2], CultureInfo.InvariantCulture),
                    double.Parse(rows[i + words.Length - 1][3], CultureInfo.InvariantCulture));
            }
        }

        throw new InvalidOperationException($"'{phrase}' is not in the alignment of {id}");
    }

    /// <summary>Feeds <paramref name="samples"/> in 20 ms frames, as RTP would, and finishes the leg.</summary>
    public static List<SpottedPhrase> Spot(IKeywordSpotter spotter, short[] samples, int frame = 320)
        => Spot(spotter, samples, spotter.Finish, frame);

    /// <summary>Feeds <paramref name="samples"/> in 20 ms frames, then <paramref name="end"/> (Finish or EndSegment).</summary>
    public static List<SpottedPhrase> Spot(IKeywordSpotter spotter, short[] samples, Action<ICollection<SpottedPhrase>> end, int frame = 320)
    {
        var found = new List<SpottedPhrase>();
        for (var at = 0; at < samples.Length; at += frame)
        {
            spotter.Process(samples.AsSpan(at, Math.Min(frame, samples.Length - at)), found);
        }

        end(found);
        return found;
    }

    /// <summary>
    /// The leg through LegAnalysis in 20 ms RTP frames at <paramref name="rate"/>, as the service analyses it: its
    /// detections, and the call's signals (for the leg's speech-to-noise ratio). <paramref name="spotted"/> sees each
    /// spotted phrase with its margin.
    /// </summary>
    public static (List<Detection> Detections, SignalCallAnalyzer Signals) AnalyseLeg(SpotterPool pool, AnalysisOptions options, short[] samples, int rate, Action<SpottedPhrase>? spotted = null)
    {
        var leg = new LegAnalysis("call-1", Leg.Customer, pool, options.SpotSpeechOnly, options.HighPassHz) { Spotted = spotted };
        var signals = new SignalCallAnalyzer(options.VoiceActivity, options.Prosody, options.Talk, options.Sentiment);
        var detections = new List<Detection>();
        var frame = rate / 50;
        for (var at = 0; at < samples.Length; at += frame)
        {
            var n = Math.Min(frame, samples.Length - at);
            var audio = new AudioFrame("call-1", Leg.Customer, TimeSpan.FromSeconds(at / (double)rate), samples.AsMemory(at, n), rate);
            leg.Process(audio, signals, detections);
        }

        leg.Finish(detections);
        return (detections, signals);
    }
}
