namespace EdgeCc.Agent.Tests.Telephony;

/// <summary>
/// Tests that capture real traffic live on <c>lo</c> run alone, after the parallel ones: on a
/// loaded 2-core box the kernel drops captured packets (a missed 202 to a REFER is a missed
/// transfer), which is what the capture's drop counters are for, not what these tests test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LiveNetworkCollection
{
    public const string Name = "live network capture";
}
