using EdgeCc.Agent.Telephony;

namespace EdgeCc.Agent.Tests.Telephony;

public sealed class CallEventPrivacyTests
{
    [Fact]
    public void Call_started_never_prints_the_customer_number()
    {
        var started = new CallStarted("c1", DateTimeOffset.UnixEpoch, "1001", "sip") { CustomerNumber = "+4930123456", Dialled = "+4980055501" };

        var text = started.ToString();

        Assert.DoesNotContain("4930123456", text, StringComparison.Ordinal);
        Assert.DoesNotContain("4980055501", text, StringComparison.Ordinal);
        Assert.Contains("AgentId = 1001", text, StringComparison.Ordinal);
        Assert.Contains("CallId = c1", text, StringComparison.Ordinal);
    }
}
