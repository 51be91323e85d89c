using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Hosting;

namespace EdgeCc.Agent.Tests.Hosting;

public class SectionValidatorTests
{
    [Fact]
    public void Failures_name_the_configuration_key_down_to_the_list_item()
    {
        var options = new AnalysisOptions
        {
            Workers = 500,
            Phrases =
            [
                new Phrase { Text = "speak to a manager", Category = "escalation" },
                new Phrase { Text = "", Category = "churn", Threshold = 200 },
            ],
        };

        var result = new SectionValidator<AnalysisOptions>("Analysis").Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("Analysis:Workers:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Analysis:Phrases:1:Text:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Analysis:Phrases:1:Threshold:", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.StartsWith("Analysis:Phrases:0", StringComparison.Ordinal));
    }

    [Fact]
    public void Valid_options_pass()
    {
        var options = new AnalysisOptions { Phrases = [new Phrase { Text = "cancel my account", Category = "churn", Weight = -0.5 }] };
        Assert.True(new SectionValidator<AnalysisOptions>("Analysis").Validate(null, options).Succeeded);
    }
}
