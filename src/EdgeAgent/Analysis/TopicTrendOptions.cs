using System.ComponentModel.DataAnnotations;

namespace EdgeCc.Agent.Analysis;

/// <summary>Site-wide topic spike detection (configuration section <c>Analysis:TopicTrends</c>).</summary>
public sealed class TopicTrendOptions
{
    public const string Section = "Analysis:TopicTrends";

    /// <summary>The recent window whose count is compared with the baseline.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Counting resolution; the window and baseline are whole numbers of buckets.</summary>
    public TimeSpan Bucket { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The usual rate is measured over this period before the window.</summary>
    public TimeSpan BaselinePeriod { get; set; } = TimeSpan.FromHours(4);

    /// <summary>No alert until this much baseline has been seen (a fresh start knows no "usual").</summary>
    public TimeSpan MinBaselineHistory { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A spike is a window count at least this many times the baseline's count per window...</summary>
    [Range(1.0, 100.0)]
    public double SpikeFactor { get; set; } = 3;

    /// <summary>...and at least this many occurrences in the window (three calls about a rare topic are not a trend).</summary>
    [Range(1, 100_000)]
    public int MinCount { get; set; } = 5;

    /// <summary>The baseline per window is never taken below this, so a topic never heard before needs MinCount and this x SpikeFactor.</summary>
    [Range(0.0, 1000.0)]
    public double MinBaselinePerWindow { get; set; } = 1;

    /// <summary>After an alert, the same category does not alert again for this long.</summary>
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Categories that are counted (e.g. "topic", "churn"); empty counts every category.</summary>
    public List<string> Categories { get; set; } = [];

    /// <summary>Upper bound on distinct categories tracked (memory bound against a misconfiguration).</summary>
    [Range(1, 10_000)]
    public int MaxCategories { get; set; } = 256;
}
