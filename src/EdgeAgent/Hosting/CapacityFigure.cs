namespace EdgeCc.Agent.Hosting;

/// <summary>
/// What one stage costs: CPU seconds (of one core) per second of a call (both legs), and the
/// measured figures it comes from, printed beside the capacity line.
/// </summary>
internal sealed record CapacityFigure(string Stage, double CpuSecondsPerCallSecond, string Details);
