using System.Globalization;

namespace EdgeCc.Agent.Analysis.Evaluation;

/// <summary>
/// Reads what <c>pocketsphinx_continuous -kws FILE -time yes</c> (Debian pocketsphinx 0.8+5prealpha) prints on
/// stdout: per utterance, first the hypothesis (the phrases found, joined by spaces), then one line per phrase,
/// newest first, <c>phrase start end posterior</c> with times in seconds from the file's start, e.g.
/// <c>ill disposed 8.340 9.120 0.924216</c>. Hypothesis lines are recognised by not ending in three numbers.
/// Lines that end in three numbers but name no listed phrase are counted, not guessed at.
/// </summary>
internal sealed record SphinxCliOutput(IReadOnlyList<EvalDetection> Detections, int HypothesisLines, int UnknownLines)
{
    public static SphinxCliOutput Parse(string stdout, IReadOnlyCollection<string> phrases)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(phrases);
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var phrase in phrases)
        {
            known.Add(PronunciationDictionary.Normalize(phrase));
        }

        var detections = new List<EvalDetection>();
        int hypotheses = 0, unknown = 0;
        foreach (var raw in stdout.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (!TrySegment(line, out var text, out var start, out var end))
            {
                hypotheses++;
            }
            else if (known.Contains(text))
            {
                detections.Add(new EvalDetection(text, start, end));
            }
            else
            {
                unknown++;
            }
        }

        detections.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        return new SphinxCliOutput(detections, hypotheses, unknown);
    }

    private static bool TrySegment(string line, out string text, out double start, out double end)
    {
        text = "";
        start = end = 0;
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 4
            || !double.TryParse(words[^3], NumberStyles.Float, CultureInfo.InvariantCulture, out start)
            || !double.TryParse(words[^2], NumberStyles.Float, CultureInfo.InvariantCulture, out end)
            || !double.TryParse(words[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return false;
        }

        text = string.Join(' ', words[..^3]);
        return true;
    }
}
