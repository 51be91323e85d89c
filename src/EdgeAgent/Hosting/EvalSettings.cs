using EdgeCc.Agent.Analysis.Evaluation;
using Microsoft.Extensions.Configuration;

namespace EdgeCc.Agent.Hosting;

/// <summary>The arguments of <c>edgecc eval</c>, checked.</summary>
internal sealed record EvalSettings(
    string Corpus,
    IReadOnlyList<string> Sets,
    bool? Cli,
    string? JsonFile,
    bool Calibrate,
    double Budget,
    string Out,
    int Permissive,
    int Jobs,
    int Every = 1,
    string? ThresholdsFile = null,
    string? DetectionsFile = null)
{
    public static EvalSettings From(CommandLine command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Arguments.Count == 0)
        {
            throw new CommandLineException("eval needs a corpus: edgecc eval CORPUS_DIR [--set NAME[,NAME]] [--cli|--no-cli] [--json FILE] [--calibrate [--budget N] [--out FILE]]");
        }

        // --json is a flag of the command line parser, so its file arrives as the next argument.
        var positional = 1;
        string? json = null;
        if (command.Has("json"))
        {
            json = command.Get("json");
            if (json is null && command.Arguments.Count > 1)
            {
                json = command.Arguments[1];
                positional = 2;
            }

            if (string.IsNullOrEmpty(json))
            {
                throw new CommandLineException("--json needs a file: --json FILE");
            }
        }

        if (command.Arguments.Count > positional)
        {
            throw new CommandLineException($"eval: unexpected argument '{command.Arguments[positional]}'");
        }

        if (command.Has("cli") && command.Has("no-cli"))
        {
            throw new CommandLineException("eval: give --cli or --no-cli, not both");
        }

        var calibrate = command.Has("calibrate");
        if (calibrate && command.Has("thresholds"))
        {
            throw new CommandLineException("eval: --thresholds FILE evaluates thresholds; --calibrate picks them: give one");
        }

        if (!calibrate && (command.Has("budget") || command.Has("out") || command.Has("permissive")))
        {
            throw new CommandLineException("eval: --budget, --out and --permissive go with --calibrate");
        }

        var budget = command.GetDouble("budget", EvalCommand.DefaultBudget);
        if (budget < 0 || double.IsNaN(budget))
        {
            throw new CommandLineException("--budget must be 0 or more false alarms per phrase per hour");
        }

        var permissive = command.GetDouble("permissive", EvalCommand.DefaultPermissive);
        if (permissive is < -80 or > -1 || permissive != Math.Floor(permissive))
        {
            throw new CommandLineException("--permissive must be a whole threshold from -80 to -1");
        }

        var jobs = command.GetDouble("jobs", Environment.ProcessorCount);
        if (jobs < 1 || jobs != Math.Floor(jobs))
        {
            throw new CommandLineException("--jobs must be a whole number, at least 1");
        }

        var every = command.GetDouble("every", 1);
        if (every < 1 || every != Math.Floor(every))
        {
            throw new CommandLineException("--every must be a whole number, at least 1");
        }

        var sets = (command.Get("set") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new EvalSettings(
            command.Arguments[0],
            sets,
            command.Has("cli") ? true : command.Has("no-cli") ? false : null,
            json,
            calibrate,
            budget,
            command.Get("out") ?? EvalCommand.DefaultOut,
            (int)permissive,
            (int)jobs,
            (int)every,
            command.Get("thresholds"),
            command.Get("detections"));
    }

    /// <summary>The corpus sets asked for (all when none was named), in the manifest's order, with every <see cref="Every"/>-th file.</summary>
    public List<CorpusSet> Select(CorpusManifest corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        foreach (var name in Sets)
        {
            if (!corpus.Sets.Any(s => s.Name == name))
            {
                throw new CommandLineException($"--set: no set '{name}' in the corpus (it has: {string.Join(", ", corpus.Sets.Select(s => s.Name))})");
            }
        }

        return [.. corpus.Sets
            .Where(s => Sets.Count == 0 || Sets.Contains(s.Name))
            .Select(s => Every == 1 ? s : s with { Items = [.. s.Items.Where((_, i) => i % Every == 0)] })
            .Select(s => ThresholdsFile is null ? s : s with { Phrases = WithThresholds(s.Phrases, ThresholdsFile) })];
    }

    /// <summary>
    /// The phrases with their four thresholds (quiet and noisy, per band) from a configuration file's <c>Analysis:Phrases</c> (e.g. one
    /// <c>--calibrate</c> wrote), matched by text; phrases the file does not list keep the manifest's.
    /// </summary>
    private static List<Analysis.Phrase> WithThresholds(List<Analysis.Phrase> phrases, string file)
    {
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"--thresholds: {file} does not exist", file);
        }

        var configured = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddJsonFile(Path.GetFullPath(file), optional: false)
            .Build()
            .GetSection("Analysis:Phrases")
            .Get<List<Analysis.Phrase>>() ?? [];
        var byText = new Dictionary<string, Analysis.Phrase>(StringComparer.Ordinal);
        foreach (var phrase in configured)
        {
            byText.TryAdd(Analysis.PronunciationDictionary.Normalize(phrase.Text), phrase);
        }

        return [.. phrases.Select(p => byText.TryGetValue(Analysis.PronunciationDictionary.Normalize(p.Text), out var c)
            ? p.WithThresholds(c.Threshold, c.NarrowbandThreshold, c.NoisyThreshold, c.NarrowbandNoisyThreshold)
            : p)];
    }
}
