using System.Text.Json.Nodes;
using EdgeCc.Agent.Tests.Deploy;

namespace EdgeCc.Agent.Tests.Analysis;

/// <summary>
/// A tiny corpus built once per test class by the real scripts/make-eval-corpus.sh (flite, espeak-ng, sox, ffmpeg):
/// every set, one synthetic file each (--minutes 0.3 keeps the first dialogue side only).
/// </summary>
public sealed class EvalCorpusFixture : IAsyncLifetime
{
    public const string Minutes = "0.3";

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "edgecc-eval-corpus-" + Guid.NewGuid().ToString("N"));

    public string Output { get; private set; } = "";

    public JsonObject Manifest { get; private set; } = [];

    public static void RequireTools()
    {
        TestPaths.RequireFile("/usr/bin/flite", "flite");
        TestPaths.RequireFile("/usr/bin/espeak-ng", "espeak-ng");
        TestPaths.RequireFile("/usr/bin/sox", "sox");
        TestPaths.RequireFile("/usr/bin/ffmpeg", "ffmpeg");
        TestPaths.RequireFile(SpeechFixtures.DictionaryPath, "pocketsphinx-en-us");
    }

    public async Task InitializeAsync()
    {
        RequireTools();
        Output = await Build(Directory);
        Manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Directory, "manifest.json")))!.AsObject();
    }

    /// <summary>Runs the script into <paramref name="directory"/> and returns what it printed.</summary>
    public static async Task<string> Build(string directory, string sets = "")
    {
        List<string> args = ["--out", directory, "--minutes", Minutes];
        if (sets.Length > 0)
        {
            args.AddRange(["--sets", sets]);
        }

        var (code, output, error) = await ExternalTool.RunAsync(TestPaths.Repo("scripts/make-eval-corpus.sh"), [.. args]);
        Assert.True(code == 0, $"make-eval-corpus.sh exited {code}: {error}{output}");
        return error + output;
    }

    public Task DisposeAsync()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        return Task.CompletedTask;
    }
}
