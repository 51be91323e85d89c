namespace EdgeCc.Agent.Tests;

/// <summary>
/// A measurement, not a test: runs only when <paramref name="variable"/> is 1 (EDGECC_BENCH by
/// default) and never asserts timing; otherwise it is reported as skipped, not as passed.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public BenchmarkFactAttribute(string variable = "EDGECC_BENCH")
    {
        if (Environment.GetEnvironmentVariable(variable) != "1")
        {
            Skip = $"benchmark: run with {variable}=1";
        }
    }
}
