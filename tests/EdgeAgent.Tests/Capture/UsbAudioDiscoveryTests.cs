using EdgeCc.Agent.Capture;

namespace EdgeCc.Agent.Tests.Capture;

public sealed class UsbAudioDiscoveryTests : IDisposable
{
    private readonly UsbAudioSysfs _sysfs = new();

    public void Dispose() => _sysfs.Dispose();

    [Fact]
    public void Usb_headsets_are_listed_with_port_ids_and_hidraw_and_onboard_cards_without()
    {
        _sysfs.AddUsbHeadset(2, "1-1.3", "II", "047f", "c056", "Plantronics Blackwire 3220 Series", HidReportDescriptorParserTests.Blackwire3220Telephony, hidraw: 5);
        _sysfs.AddUsbHeadset(3, "1-1.4", "Headset", "0b0e", "0422", "GN Jabra EVOLVE 20", null);
        _sysfs.AddPlatformCard(0, "Headphones");

        var devices = UsbAudioDiscovery.List(_sysfs.Root);

        Assert.Equal([0, 2, 3], devices.Select(d => d.Card));
        Assert.Null(devices[0].UsbPort);
        var plantronics = devices[1];
        Assert.Equal("1-1.3", plantronics.UsbPort);
        Assert.Equal(("047f", "c056"), (plantronics.VendorId, plantronics.ProductId));
        Assert.Equal("II", plantronics.CardId);
        Assert.Equal("plughw:2,0", plantronics.CapturePcmName);
        var hid = Assert.Single(plantronics.HidNodes);
        Assert.Equal("/dev/hidraw5", hid.DevicePath);
        Assert.NotNull(HeadsetHid.TryLoadLayout(hid.ReportDescriptorPath));
        Assert.Empty(devices[2].HidNodes);
    }

    [Fact]
    public void A_desk_maps_to_its_port_whatever_card_number_the_headset_gets()
    {
        _sysfs.AddUsbHeadset(4, "1-1.3", "Headset_1", "0b0e", "0422", "GN Jabra EVOLVE 20", null);

        Assert.Equal(4, UsbAudioDiscovery.FindByPort(_sysfs.Root, "1-1.3")!.Card);
        Assert.Null(UsbAudioDiscovery.FindByPort(_sysfs.Root, "1-1.2"));
        _sysfs.Unplug(4);
        Assert.Null(UsbAudioDiscovery.FindByPort(_sysfs.Root, "1-1.3"));
    }

    [Fact]
    public void Device_table_shows_port_identity_hook_switch_and_configured_desk()
    {
        _sysfs.AddUsbHeadset(2, "1-1.3", "II", "047f", "c056", "Plantronics Blackwire 3220 Series", HidReportDescriptorParserTests.Blackwire3220Telephony, hidraw: 5);
        _sysfs.AddUsbHeadset(3, "1-1.4", "Headset", "0b0e", "0422", "GN Jabra EVOLVE 20", HidReportDescriptorParserTests.G533Consumer, hidraw: 6);
        _sysfs.AddUsbHeadset(5, "1-1.2", "Speaker", "1234", "0001", "Acme Speaker", null, capture: false);
        var options = new HeadsetOptions { SysfsRoot = _sysfs.Root, Desks = [new HeadsetDeskOptions { Desk = "14", UsbPort = "1-1.3" }] };
        using var table = new StringWriter();

        HeadsetDeviceListing.Write(table, options);

        var lines = table.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("CARD", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^2\s+II\s+1-1\.3\s+047f:c056\s+Plantronics Plantronics Blackwire 3220 Series\s+plughw:2,0\s+hidraw5 hook\+mute\s+14$", lines[1]);
        Assert.Matches(@"^3\s+Headset\s+1-1\.4\s+0b0e:0422\s+.*plughw:3,0\s+no telephony\s+-$", lines[2]);
    }

    [Fact]
    public void Missing_sysfs_lists_nothing_and_the_table_says_so()
    {
        using var table = new StringWriter();

        HeadsetDeviceListing.Write(table, new HeadsetOptions { SysfsRoot = Path.Combine(_sysfs.Root, "nowhere") });

        Assert.Contains("(no capture devices found)", table.ToString(), StringComparison.Ordinal);
    }
}
