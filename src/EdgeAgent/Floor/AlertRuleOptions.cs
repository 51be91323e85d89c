using System.ComponentModel.DataAnnotations;

namespace EdgeCc.Agent.Floor;

/// <summary>
/// The agent-light rules. When several rules hold, the highest priority wins (ties: the more
/// severe colour). Thresholds have a hysteresis band and a light never steps down before it has
/// been shown for <see cref="MinimumDwellSeconds"/>, so a value hovering at a threshold does not flicker.
/// </summary>
internal sealed class AlertRuleOptions
{
    /// <summary>Phrase categories that turn the light flashing red until the call ends or a supervisor acknowledges.</summary>
    public List<string> EscalationCategories { get; set; } = ["escalation", "churn", "profanity"];

    [Range(0, 1_000)]
    public int EscalationPriority { get; set; } = 100;

    [Range(0, 1_000)]
    public int HelpPriority { get; set; } = 90;

    [Range(0, 1_000)]
    public int SentimentPriority { get; set; } = 80;

    [Range(0, 1_000)]
    public int ArousalPriority { get; set; } = 70;

    [Range(0, 1_000)]
    public int SilencePriority { get; set; } = 50;

    [Range(0, 1_000)]
    public int HoldPriority { get; set; } = 40;

    /// <summary>Running call sentiment at or below which the light is amber.</summary>
    [Range(-10.0, 0.0)]
    public double SentimentAmber { get; set; } = -0.5;

    /// <summary>Running call sentiment at or below which the light is red.</summary>
    [Range(-10.0, 0.0)]
    public double SentimentRed { get; set; } = -1.2;

    /// <summary>Customer arousal (0..1, from prosody) at or above which the light is amber.</summary>
    [Range(0.0, 1.0)]
    public double ArousalAmber { get; set; } = 0.7;

    [Range(0.0, 1.0)]
    public double ArousalRed { get; set; } = 0.85;

    /// <summary>A level clears only once the value is this far back on the calm side of its threshold.</summary>
    [Range(0.0, 1.0)]
    public double Hysteresis { get; set; } = 0.1;

    [Range(1, 3_600)]
    public int SilenceAmberSeconds { get; set; } = 20;

    [Range(0, 3_600)]
    public int HoldAmberSeconds { get; set; } = 45;

    [Range(0, 600)]
    public int MinimumDwellSeconds { get; set; } = 3;

    /// <summary>After a call ends the agent is in wrap-up (light off) this long before idle; 0 goes straight to idle.</summary>
    [Range(0, 3_600)]
    public int WrapUpSeconds { get; set; }
}
