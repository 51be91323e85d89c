using System.Diagnostics;
using System.Globalization;
using EdgeCc.Agent.Analysis;
using Xunit.Abstractions;

namespace EdgeCc.Agent.Tests.Analysis;

/// <summary>
/// EDGECC_BENCH=1 dotnet test tests/EdgeAgent.Tests --filter "FullyQualifiedName~KeywordSpotterBenchmarks"
///   --logger "console;verbosity=detailed"
/// </summary>
public sealed class KeywordSpotterBenchmarks(ITestOutputHelper output)
{
    private static readonly string[] s_files =
    [
        "sense_and_sensibility_01_austen_64kb-0870", "sense_and_sensibility_01_austen_64kb-0880",
        "sense_and_sensibility_01_austen_64kb-0890", "sense_and_sensibility_01_austen_64kb-0920",
        "sense_and_sensibility_01_austen_64kb-0930",
    ];

    private static readonly string[] s_tenPhrases =
    [
        "cancel my account", "speak to a manager", "i want a refund", "this is unacceptable", "file a complaint",
        "thank you for calling", "credit card number", "rather cold hearted", "amiable woman", "in his power",
    ];

    [BenchmarkFact]
    public void Real_time_factor_of_one_decoder_on_librivox_speech()
    {
        var legs = s_files.Select(id => SpeechFixtures.ReadWav(SpeechFixtures.Librivox(id))).ToArray();
        var audioSeconds = legs.Sum(l => l.Length) / (double)PocketSphinxSpotter.SampleRate;
        foreach (var phrases in new[] { s_tenPhrases[..1], s_tenPhrases })
        {
            using var model = KeywordModel.Create(SpeechFixtures.Options(phrases));
            using var spotter = new PocketSphinxSpotter(model);
            SpeechFixtures.Spot(spotter, legs[0]);
            var best = double.MaxValue;
            for (var round = 0; round < 3; round++)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                foreach (var leg in legs)
                {
                    SpeechFixtures.Spot(spotter, leg);
                }

                best = Math.Min(best, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / audioSeconds);
            }

            Report($"phrases={phrases.Length} audio={audioSeconds:F1}s over {legs.Length} legs, 20 ms frames: "
                + $"RTF={best:F3} CPU s per audio s (best of 3 rounds)");
        }
    }

    [BenchmarkFact]
    public void Resident_memory_of_one_decoder_with_the_small_and_the_full_dictionary()
    {
        var options = SpeechFixtures.Options(s_tenPhrases);
        using var small = KeywordModel.Create(options);
        using var full = KeywordModel.Create(options, fullDictionary: true);

        // The first decoder pages in what all share (libraries, memory-mapped model files).
        using var warmUp = new PocketSphinxSpotter(small);
        var before = ResidentKb();
        var clock = Stopwatch.StartNew();
        using var withSmall = new PocketSphinxSpotter(small);
        var created = clock.Elapsed;
        var afterSmall = ResidentKb();
        using var withFull = new PocketSphinxSpotter(full);
        var afterFull = ResidentKb();

        Report($"one more decoder, {small.WordCount}-word dictionary: +{afterSmall - before} kB RSS, created in {created.TotalMilliseconds:F0} ms");
        Report($"one more decoder, full cmudict ({File.ReadLines(SpeechFixtures.DictionaryPath).Count()} entries): +{afterFull - afterSmall} kB RSS");
    }

    private static long ResidentKb()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private void Report(string text)
    {
        output.WriteLine(text);
        Console.WriteLine(text);
    }
}
