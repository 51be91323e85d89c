using System.Text.Json;
using EdgeCc.Agent.Audio;
using EdgeCc.Agent.Tests.Analysis;

namespace EdgeCc.Agent.Tests.Hosting;

/// <summary>
/// A small labelled corpus (CORPUS-FORMAT.md) built from the shared LibriVox recordings and their forced alignment:
/// a wideband set (the files as they are) and a narrowband set (the same through 8 kHz G.711 mu-law), scored against
/// phrases from the transcripts (spoken once each) and call-center phrases nobody says.
/// </summary>
internal sealed class EvalTestCorpus : IDisposable
{
    public const string Wideband = "librivox-wideband";
    public const string Narrowband = "librivox-narrowband";

    /// <summary>The spoken phrases per file: those of the spotter tests, known to be found at threshold -20 on 16 kHz.</summary>
    public static readonly (string Id, string[] Phrases)[] Files =
    [
        ("sense_and_sensibility_01_austen_64kb-0870", ["mister john dashwood", "consider how much", "in his power"]),
        ("sense_and_sensibility_01_austen_64kb-0880", ["he was not", "ill disposed young man"]),
        ("sense_and_sensibility_01_austen_64kb-0890", ["rather cold hearted", "rather selfish"]),
        ("sense_and_sensibility_01_austen_64kb-0920", ["amiable woman", "still more respectable"]),
        ("sense_and_sensibility_01_austen_64kb-0930", ["might even have been", "made amiable himself"]),
    ];

    public EvalTestCorpus(int files = 5)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("edgecc-eval-corpus-").FullName;
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "wb"));
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "nb"));
        var phrases = Files.SelectMany(f => f.Phrases).Concat(SpeechFixtures.CallCenterPhrases)
            .Select(text => new Dictionary<string, object> { ["Text"] = text, ["Category"] = "test", ["Weight"] = 0, ["Threshold"] = -20 })
            .ToList();
        var wide = new List<object>();
        var narrow = new List<object>();
        foreach (var (id, spoken) in Files.Take(files))
        {
            var source = TestPaths.Shared($"speech/pocketsphinx/librivox/{id}.wav");
            var samples = WavReader.Read(source).Channels[0];
            WavWriter.Write(Path.Combine(Directory, "wb", id + ".wav"), 16_000, WavEncoding.Pcm16, samples);
            WavWriter.Write(Path.Combine(Directory, "nb", id + ".wav"), 8_000, WavEncoding.Pcm16, ThroughMuLaw(samples));
            var labels = spoken.Select(text =>
            {
                var (start, end) = SpeechFixtures.AlignedTimes(id, text);
                return new { text, start, end };
            }).ToList();
            wide.Add(new { file = $"wb/{id}.wav", durationSeconds = samples.Length / 16_000.0, voice = "librivox", phrases = labels });
            narrow.Add(new { file = $"nb/{id}.wav", durationSeconds = samples.Length / 16_000.0, voice = "librivox", phrases = labels });
        }

        var manifest = new
        {
            version = 1,
            generator = "EvalTestCorpus",
            sets = new object[]
            {
                new { name = Wideband, band = "wideband", phrases, items = wide },
                new { name = Narrowband, band = "narrowband", phrases, items = narrow },
            },
        };
        File.WriteAllText(Path.Combine(Directory, "manifest.json"), JsonSerializer.Serialize(manifest));
    }

    public string Directory { get; }

    public static int PhraseCount => Files.Sum(f => f.Phrases.Length) + SpeechFixtures.CallCenterPhrases.Length;

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    /// <summary>16 kHz down to 8 kHz, mu-law encoded and decoded: a phone leg as the service receives it.</summary>
    private static short[] ThroughMuLaw(short[] wideband)
    {
        var down = new PolyphaseResampler(16_000, 8_000);
        var narrow = new short[down.MaxOutput(wideband.Length)];
        var written = down.Process(wideband, narrow);
        var codes = new byte[written];
        G711.LinearToMuLaw(narrow.AsSpan(0, written), codes);
        var decoded = new short[written];
        G711.MuLawToLinear(codes, decoded);
        return decoded;
    }
}
