namespace EdgeCc.Agent.Tests.Capture;

/// <summary>A measurement, not a test: runs only with EDGECC_BENCH=1 and never asserts timing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class HeadsetBenchmarkFactAttribute : FactAttribute
{
    public HeadsetBenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("EDGECC_BENCH") != "1")
        {
            Skip = "benchmark: run with EDGECC_BENCH=1";
        }
    }
}
