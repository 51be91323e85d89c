using EdgeCc.Agent.Capture;

namespace EdgeCc.Agent.Tests.Capture;

public sealed class CaptureOptionsValidatorTests
{
    [Fact]
    public void Inverted_rtp_range_is_rejected_naming_both_keys()
    {
        var result = new CaptureOptionsValidator().Validate(null, new CaptureOptions { RtpPortMin = 30000, RtpPortMax = 20000 });

        Assert.True(result.Failed);
        Assert.Contains("Capture:RtpPortMin", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Capture:RtpPortMax", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Sip_port_inside_rtp_range_is_rejected_naming_the_index()
    {
        var result = new CaptureOptionsValidator().Validate(null, new CaptureOptions { SipPorts = [5060, 15000] });

        Assert.True(result.Failed);
        Assert.Contains("Capture:SipPorts:1", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_valid_and_build_a_filter_with_sip_and_rtp_ports()
    {
        var options = new CaptureOptions();

        Assert.True(new CaptureOptionsValidator().Validate(null, options).Succeeded);
        Assert.Contains("port 5060", options.EffectiveFilter, StringComparison.Ordinal);
        Assert.Contains("udp portrange 10000-20000", options.EffectiveFilter, StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_filter_replaces_the_default()
    {
        Assert.Equal("udp", new CaptureOptions { Filter = "udp" }.EffectiveFilter);
    }
}
