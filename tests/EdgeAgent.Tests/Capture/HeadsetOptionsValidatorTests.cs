using EdgeCc.Agent.Capture;

namespace EdgeCc.Agent.Tests.Capture;

public sealed class HeadsetOptionsValidatorTests
{
    private readonly HeadsetOptionsValidator _validator = new();

    [Fact]
    public void A_plain_desk_list_is_valid()
    {
        var options = new HeadsetOptions
        {
            Desks =
            [
                new HeadsetDeskOptions { Desk = "14", UsbPort = "1-1.3", CustomerChannel = 2 },
                new HeadsetDeskOptions { Desk = "15", PcmName = "plughw:CARD=Headset,DEV=0" },
            ],
        };

        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("Headsets:Desks:1:Desk '14' is already used by Headsets:Desks:0")]
    [InlineData("Headsets:Desks:2:UsbPort 'usb3' is not a USB port path like 1-1.3")]
    [InlineData("Headsets:Desks:3 needs UsbPort (e.g. \"1-1.3\") or PcmName")]
    [InlineData("Headsets:Desks:4:CustomerChannel is 3 but Headsets:Desks:4:Channels is 2")]
    [InlineData("Headsets:Desks:5:SampleRate is 22050 but must be 0 (automatic) or one of 8000, 16000, 32000, 44100, 48000, 96000")]
    [InlineData("Headsets:Desks:6:UsbPort '1-1.3' is already used by Headsets:Desks:0")]
    [InlineData("Headsets:Desks:7:Desk is required")]
    [InlineData("Headsets:RetryMaxSeconds (1) is below Headsets:RetryInitialSeconds (5)")]
    public void Bad_entries_are_reported_with_the_key_that_holds_them(string expected)
    {
        var options = new HeadsetOptions
        {
            RetryInitialSeconds = 5,
            RetryMaxSeconds = 1,
            Desks =
            [
                new HeadsetDeskOptions { Desk = "14", UsbPort = "1-1.3" },
                new HeadsetDeskOptions { Desk = "14", PcmName = "a" },
                new HeadsetDeskOptions { Desk = "20", UsbPort = "usb3" },
                new HeadsetDeskOptions { Desk = "21" },
                new HeadsetDeskOptions { Desk = "22", PcmName = "b", Channels = 2, CustomerChannel = 3 },
                new HeadsetDeskOptions { Desk = "23", PcmName = "c", SampleRate = 22_050 },
                new HeadsetDeskOptions { Desk = "24", UsbPort = "1-1.3" },
                new HeadsetDeskOptions { PcmName = "d" },
            ],
        };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.Failures!);
    }
}
