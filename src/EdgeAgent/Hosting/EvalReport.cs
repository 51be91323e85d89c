using System.Globalization;
using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Analysis.Evaluation;

namespace EdgeCc.Agent.Hosting;

/// <summary>The tables <c>edgecc eval</c> prints: per set a row per phrase, edgecc beside the CLI, then overall lines.</summary>
internal static class EvalReport
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static void WriteSet(TextWriter output, string title, SetScore ours, EvalRun ourRun, SetScore? cli, EvalRun? cliRun)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(ours);
        ArgumentNullException.ThrowIfNull(ourRun);
        output.WriteLine();
        output.WriteLine(title);
        var width = Math.Max(28, ours.Phrases.Max(p => p.Phrase.Length) + 1);
        output.WriteLine(string.Create(C, $"{"phrase".PadRight(width)} expected | {"edgecc",-6} {"TP",4} {"FN",4} {"FA",4} {"prec",5} {"recall",6} {"F1",5} {"FA/h",6}")
            + (cli is null ? "" : string.Create(C, $" | {"cli",-6} {"TP",4} {"FN",4} {"FA",4} {"prec",5} {"recall",6} {"F1",5} {"FA/h",6}")));
        for (var p = 0; p <= ours.Phrases.Count; p++)
        {
            var row = p < ours.Phrases.Count ? ours.Phrases[p] : ours.Overall;
            var name = p < ours.Phrases.Count ? row.Phrase : "overall (FA/h per phrase)";
            var line = string.Create(C, $"{name.PadRight(width)} {row.Expected,8} | {"",-6} {Cells(row, FaRate(ours, p))}");
            if (cli is not null)
            {
                var theirs = p < cli.Phrases.Count ? cli.Phrases[p] : cli.Overall;
                line += string.Create(C, $" | {"",-6} {Cells(theirs, FaRate(cli, p))}");
            }

            output.WriteLine(line);
        }

        output.WriteLine(Overall("edgecc", ours, ourRun));
        if (cli is not null && cliRun is not null)
        {
            output.WriteLine(Overall("cli", cli, cliRun));
            var ratio = ourRun.Cpu > TimeSpan.Zero ? cliRun.Cpu.TotalSeconds / ourRun.Cpu.TotalSeconds : 0;
            output.WriteLine(string.Create(C, $"  CPU ratio cli/edgecc {ratio:0.00}; F1 edgecc - cli {ours.Overall.F1 - cli.Overall.F1:+0.000;-0.000;0.000}"));
        }
    }

    public static string Overall(string who, SetScore score, EvalRun run)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(run);
        var o = score.Overall;
        var line = string.Create(C, $"  {who,-7} precision {o.Precision:0.000} recall {o.Recall:0.000} F1 {o.F1:0.000}, {score.FalseAlarmsPerPhraseHour:0.00} false alarms per phrase per hour, {score.Hours:0.000} h of audio");
        if (score.Latencies.Count > 0)
        {
            line += string.Create(C, $", latency median {score.LatencyMedian * 1000:0} ms p95 {score.LatencyP95 * 1000:0} ms ({score.Latencies.Count} matched)");
        }

        line += string.Create(C, $", CPU {run.CpuPerAudioSecond:0.0000} s per audio s ({run.Cpu.TotalSeconds:0.0} s)");
        if (run.StartupPerFile > TimeSpan.Zero)
        {
            var net = run.Cpu - (run.StartupPerFile * run.Items.Count);
            line += string.Create(C, $"; start-up {run.StartupPerFile.TotalSeconds:0.000} s per file included, {Math.Max(0, net.TotalSeconds) / Math.Max(1e-9, run.AudioSeconds):0.0000} s per audio s without it");
        }

        return line;
    }

    /// <summary>How noisy a run's legs were: the speech-to-noise ratio they ended with, and how many counted as noisy.</summary>
    public static string SpeechToNoise(EvalRun run, AnalysisOptions analysis)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(analysis);
        var known = run.Items.Where(i => i.SpeechToNoiseDb is not null).Select(i => i.SpeechToNoiseDb!.Value).Order().ToList();
        if (known.Count == 0)
        {
            return "  legs: no speech-to-noise ratio known (too little speech)";
        }

        var noisy = known.Count(v => analysis.IsNoisy(v));
        return string.Create(C, $"  legs: speech-to-noise median {known[known.Count / 2]:0.0} dB ({known[0]:0.0}..{known[^1]:0.0}), {noisy} of {run.Items.Count} noisy (below {analysis.NoisyBelowSnrDb} dB), {run.Items.Count - known.Count} with too little speech to tell");
    }

    /// <summary>One summary line: the figures of a part of a set (e.g. a half), without the per-phrase rows.</summary>
    public static string Brief(string label, SetScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        var o = score.Overall;
        return string.Create(C, $"  {label,-24} TP {o.TruePositives,4} FN {o.FalseNegatives,4} FA {o.FalseAlarms,4}  precision {o.Precision:0.000} recall {o.Recall:0.000} F1 {o.F1:0.000}, {score.FalseAlarmsPerPhraseHour:0.00} FA per phrase per hour, {score.Hours:0.000} h");
    }

    public static void WriteCalibration(TextWriter output, string band, IReadOnlyList<string> sets, IReadOnlyList<ThresholdChoice> choices, IReadOnlyDictionary<string, int> configured, double budget)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(configured);
        if (choices.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine(string.Create(C, $"{band} thresholds from {string.Join(", ", sets)} (calibration half, {choices[0].AudioSeconds / 3600:0.000} h):"));
        var width = Math.Max(28, choices.Max(c => c.Phrase.Length) + 1);
        output.WriteLine(string.Create(C, $"{"phrase".PadRight(width)} {"was",4} {"now",4} {"TP",4} {"exp",4} {"recall",6} {"FA",4} {"FA/h",6}"));
        foreach (var c in choices)
        {
            var was = configured.TryGetValue(c.Phrase, out var t) ? t.ToString(C) : "-";
            output.WriteLine(string.Create(C, $"{c.Phrase.PadRight(width)} {was,4} {c.Threshold,4} {c.Tally.TruePositives,4} {c.Tally.Expected,4} {Ratio(c.Tally.TruePositives, c.Tally.Expected),6} {c.Tally.FalseAlarms,4} {c.FalseAlarmsPerHour,6:0.00}"));
        }

        var perSet = choices.SelectMany(c => c.BySet).GroupBy(p => p.Key, StringComparer.Ordinal)
            .Select(g => string.Create(C, $"{g.Key} {g.Sum(p => p.Value.FalseAlarms)} of {g.Sum(p => budget * p.Value.Seconds / 3600):0.00}"));
        output.WriteLine(string.Create(C, $"budget per set, pooled over phrases ({budget:0.##} x {choices.Count} phrases x their hours there), false alarms raised of allowed: {string.Join("; ", perSet)}: {(choices[0].WithinBudget ? "met" : "NOT met even at the strictest thresholds")}"));
    }

    private static double FaRate(SetScore score, int phrase)
        => phrase < score.Phrases.Count ? score.FalseAlarmsPerHour(score.Phrases[phrase]) : score.FalseAlarmsPerPhraseHour;

    private static string Cells(PhraseTally t, double faPerHour)
        => string.Create(C, $"{t.TruePositives,4} {t.FalseNegatives,4} {t.FalseAlarms,4} {Ratio(t.TruePositives, t.Detected),5} {Ratio(t.TruePositives, t.Expected),6} {(t.Expected + t.Detected == 0 ? "-" : t.F1.ToString("0.00", C)),5} {faPerHour,6:0.00}");

    /// <summary>A share with two decimals, or "-" when there is nothing to share.</summary>
    private static string Ratio(int part, int whole) => whole == 0 ? "-" : ((double)part / whole).ToString("0.00", C);
}
