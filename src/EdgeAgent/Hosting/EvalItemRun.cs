using EdgeCc.Agent.Analysis.Evaluation;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// What one spotter reported in one corpus file, the file's length, and the CPU the spotting took; for edgecc's own
/// runs, the speech-to-noise ratio the leg ended with.
/// </summary>
internal sealed record EvalItemRun(IReadOnlyList<EvalDetection> Detections, double Seconds, TimeSpan Cpu)
{
    public double? SpeechToNoiseDb { get; init; }
}
