using EdgeCc.Agent.Analysis.Evaluation;

namespace EdgeCc.Agent.Tests.Analysis.Evaluation;

public sealed class SphinxCliOutputTests
{
    [Fact]
    public void Hypothesis_lines_are_skipped_and_phrase_lines_give_detections_in_time_order()
    {
        const string stdout = """
            more respectable might have been
            more respectable 19.340 20.270 1.004913
            might have been 18.000 18.650 0.867087

            ill disposed
            ill disposed 8.340 9.120 0.924216
            unknown words 1.000 2.000 0.5
            """;

        var parsed = SphinxCliOutput.Parse(stdout, ["Ill Disposed", "might have been", "more respectable"]);

        Assert.Equal(
            [new EvalDetection("ill disposed", 8.34, 9.12), new EvalDetection("might have been", 18.0, 18.65), new EvalDetection("more respectable", 19.34, 20.27)],
            parsed.Detections);
        Assert.Equal(2, parsed.HypothesisLines);
        Assert.Equal(1, parsed.UnknownLines);
    }

    [Fact]
    public void Empty_output_has_no_detections()
    {
        var parsed = SphinxCliOutput.Parse("", ["ill disposed"]);

        Assert.Empty(parsed.Detections);
        Assert.Equal(0, parsed.HypothesisLines);
    }
}
