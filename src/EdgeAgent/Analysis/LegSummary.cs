using EdgeCc.Agent.Audio;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// What one leg of a finished call amounted to. <see cref="Sentiment"/> is on the −1..+1 scale;
/// <see cref="PeakArousal"/> is the highest arousal (0 calm .. 1 agitated) against the speaker's baseline.
/// <see cref="SpeechToNoiseDb"/> is how far its speech stood over its noise floor (null: too little speech to tell):
/// a headset or line that is always noisy shows there, and a noisy leg's phrases had to beat their noisy thresholds.
/// </summary>
public sealed record LegSummary(Leg Leg, TimeSpan AudioDuration, TimeSpan SpeechDuration, int DetectionCount, double Sentiment, double PeakArousal)
{
    public double? SpeechToNoiseDb { get; init; }
}
