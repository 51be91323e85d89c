using System.ComponentModel.DataAnnotations;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// Weights of <see cref="SentimentScorer"/> (configuration section <c>Analysis:Sentiment</c>);
/// docs/sentiment.md explains the scale and shows worked examples.
/// </summary>
public sealed class SentimentOptions
{
    public const string Section = "Analysis:Sentiment";

    /// <summary>
    /// The lexicon: valence of each phrase category, -1..+1, matched without regard to case. A
    /// detection's valence is its category's weight plus the phrase's own weight, clamped to
    /// -1..+1. Categories not listed (topic, compliance, ...) have weight 0.
    /// </summary>
    public Dictionary<string, double> CategoryWeights { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["courtesy"] = 0.3,
        ["frustration"] = -0.4,
        ["anger"] = -0.7,
        ["churn"] = -0.6,
        ["escalation"] = -0.5,
        ["profanity"] = -0.8,
    };

    /// <summary>A negative phrase said while its speaker's arousal is a (0..1) weighs (1 + a x this) as much.</summary>
    [Range(0.0, 5.0)]
    public double ArousalAmplification { get; set; } = 0.5;

    /// <summary>Arousal at or above this starts an agitation episode (one reason per episode).</summary>
    [Range(0.05, 1.0)]
    public double ArousalThreshold { get; set; } = 0.5;

    /// <summary>An episode ends when arousal falls this far under the threshold (hysteresis against flicker).</summary>
    [Range(0.0, 1.0)]
    public double ArousalHysteresis { get; set; } = 0.15;

    [Range(-2.0, 0.0)]
    public double ArousalWeight { get; set; } = -0.3;

    [Range(-2.0, 0.0)]
    public double InterruptionWeight { get; set; } = -0.1;

    /// <summary>Talk-over (both speaking) at least this share of the time anyone speaks gives one call-level reason.</summary>
    [Range(0.0, 1.0)]
    public double TalkOverShare { get; set; } = 0.1;

    [Range(-2.0, 0.0)]
    public double TalkOverWeight { get; set; } = -0.2;

    [Range(-2.0, 0.0)]
    public double DeadAirWeight { get; set; } = -0.15;

    [Range(-2.0, 0.0)]
    public double HoldWeight { get; set; } = -0.1;

    /// <summary>Added on top of <see cref="HoldWeight"/> for a hold at least <see cref="LongHold"/> long.</summary>
    [Range(-2.0, 0.0)]
    public double LongHoldWeight { get; set; } = -0.2;

    public TimeSpan LongHold { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Half-life of a reason in the live score (the light): a call recovers from an old complaint.</summary>
    public TimeSpan LiveHalfLife { get; set; } = TimeSpan.FromSeconds(90);
}
