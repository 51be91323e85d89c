using System.Globalization;
using EdgeCc.Agent.Analysis;

namespace EdgeCc.Agent.Hosting;

/// <summary>Prints summaries as a table, with each call's detections under it.</summary>
internal static class SummaryTable
{
    public static void Write(TextWriter output, IReadOnlyList<CallSummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(summaries);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"{"call",-14} {"agent",-6} {"duration",8} {"end",-12} {"detections",10} {"sentiment",9}"));
        output.WriteLine(new string('-', 64));
        foreach (var s in summaries.OrderBy(s => s.StartedAt).ThenBy(s => s.CallId, StringComparer.Ordinal))
        {
            output.WriteLine(string.Create(c, $"{s.CallId,-14} {s.AgentId ?? "-",-6} {s.Duration,8:m\\:ss\\.f} {s.EndReason,-12} {s.Detections.Count,10} {s.Sentiment,9:+0.00;-0.00;0.00}"));
            foreach (var d in s.Detections)
            {
                output.WriteLine(string.Create(c, $"    {d.Start:m\\:ss\\.f}-{d.End:m\\:ss\\.f} {d.Leg.ToString().ToLowerInvariant(),-8} {d.Category,-11} \"{d.Phrase}\" conf {d.Confidence:F2} weight {d.Weight:+0.0;-0.0;0.0}"));
            }
        }
    }
}
