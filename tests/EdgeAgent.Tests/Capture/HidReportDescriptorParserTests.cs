using EdgeCc.Agent.Capture;

namespace EdgeCc.Agent.Tests.Capture;

public sealed class HidReportDescriptorParserTests
{
    /// <summary>
    /// Plantronics Blackwire 3220 (047f:c056), interface 3, Telephony collection, as dumped in
    /// libusb/hidapi PR #262: report 8 holds Phone Mute as a relative 1-bit press, then Hook
    /// Switch and Flash as absolute bits; report 9 is the Mute LED output. The constant padding
    /// to a whole byte is ours (the dump ends before it).
    /// </summary>
    internal static readonly byte[] Blackwire3220Telephony =
    [
        0x05, 0x0B, 0x09, 0x05, 0xA1, 0x01,
        0x85, 0x08,
        0x09, 0x2F, 0x15, 0x00, 0x25, 0x01, 0x75, 0x01, 0x95, 0x01, 0x81, 0x06,
        0x09, 0x20, 0x09, 0x21, 0x15, 0x00, 0x25, 0x01, 0x75, 0x01, 0x95, 0x02, 0x81, 0x22,
        0x75, 0x01, 0x95, 0x05, 0x81, 0x01,
        0x85, 0x09, 0x05, 0x08, 0x09, 0x09, 0x15, 0x00, 0x25, 0x01, 0x75, 0x01, 0x95, 0x01, 0x91, 0x22,
        0x75, 0x01, 0x95, 0x07, 0x91, 0x01,
        0xC0,
    ];

    /// <summary>
    /// The Telephony Headset collection in the shape of the USB HID Usage Tables' telephony
    /// example (and CircuitPython's usb_hid telephony sample): report 1 carries Hook Switch and
    /// Phone Mute as absolute bits, report 2 the LED page outputs (Mute, Off-Hook).
    /// </summary>
    internal static readonly byte[] UsageTablesHeadset =
    [
        0x05, 0x0B, 0x09, 0x05, 0xA1, 0x01,
        0x85, 0x01, 0x25, 0x01, 0x15, 0x00,
        0x09, 0x20, 0x09, 0x2F, 0x75, 0x01, 0x95, 0x02, 0x81, 0x02,
        0x95, 0x06, 0x81, 0x03,
        0x85, 0x02, 0x05, 0x08, 0x09, 0x09, 0x09, 0x17, 0x95, 0x02, 0x91, 0x02,
        0x95, 0x06, 0x91, 0x03,
        0xC0,
    ];

    /// <summary>Logitech G533's consumer collection (Solaar issue #641): volume keys only, no telephony.</summary>
    internal static readonly byte[] G533Consumer =
    [
        0x05, 0x0C, 0x09, 0x01, 0xA1, 0x01, 0x85, 0x01, 0x09, 0xE9, 0x09, 0xEA,
        0x75, 0x01, 0x95, 0x02, 0x15, 0x00, 0x25, 0x01, 0x81, 0x02,
        0x75, 0x06, 0x95, 0x01, 0x81, 0x03, 0x75, 0x18, 0x81, 0x03, 0xC0,
    ];

    /// <summary>
    /// Our own unnumbered descriptor: a vendor byte, then telephony buttons as a 2-slot array
    /// (Usage Minimum 0x20 .. Maximum 0x2F, Logical Minimum 1) after a Push/Pop pair.
    /// </summary>
    internal static readonly byte[] UnnumberedArray =
    [
        0x06, 0x00, 0xFF, 0x09, 0x01, 0xA1, 0x01,
        0x15, 0x00, 0x26, 0xFF, 0x00, 0x75, 0x08, 0x95, 0x01, 0x09, 0x01, 0x81, 0x02,
        0xA4,
        0x05, 0x0B, 0x15, 0x01, 0x25, 0x10, 0x19, 0x20, 0x29, 0x2F, 0x75, 0x08, 0x95, 0x02, 0x81, 0x00,
        0xB4,
        0xC0,
    ];

    [Fact]
    public void Blackwire_3220_mute_is_a_relative_bit_and_hook_switch_follows_it_in_report_8()
    {
        var result = HidReportDescriptorParser.Parse(Blackwire3220Telephony);

        Assert.True(result.Success, result.Reason);
        var layout = result.Layout!;
        Assert.True(layout.UsesReportIds);
        Assert.Equal(new HidTelephonyField(8, 0, 1, Relative: true), layout.PhoneMute);
        Assert.Equal(new HidTelephonyField(8, 1, 1, Relative: false), layout.HookSwitch);
        Assert.Equal(2, layout.ReportLength(8));
        Assert.Equal(0, layout.ReportLength(9));
    }

    [Fact]
    public void Usage_tables_headset_has_absolute_hook_and_mute_bits_in_report_1()
    {
        var layout = HidReportDescriptorParser.Parse(UsageTablesHeadset).Layout!;

        Assert.Equal(new HidTelephonyField(1, 0, 1, Relative: false), layout.HookSwitch);
        Assert.Equal(new HidTelephonyField(1, 1, 1, Relative: false), layout.PhoneMute);
        Assert.Equal(2, layout.ReportLength(1));
    }

    [Fact]
    public void Array_controls_after_push_and_pop_map_usages_to_slot_values()
    {
        var layout = HidReportDescriptorParser.Parse(UnnumberedArray).Layout!;

        Assert.False(layout.UsesReportIds);
        Assert.Equal(new HidTelephonyField(0, 8, 8, false, 2, 1), layout.HookSwitch);
        Assert.Equal(new HidTelephonyField(0, 8, 8, false, 2, 16), layout.PhoneMute);
        Assert.Equal(3, layout.ReportLength(0));
    }

    [Fact]
    public void Consumer_only_descriptor_reports_no_telephony_controls()
    {
        var result = HidReportDescriptorParser.Parse(G533Consumer);

        Assert.False(result.Success);
        Assert.Equal(HidParseError.NoTelephonyControls, result.Error);
    }

    [Theory]
    [InlineData(new byte[] { 0x05, 0x0B, 0x09 }, "Truncated")]
    [InlineData(new byte[] { 0x05, 0x0B, 0xC0 }, "Inconsistent")]
    [InlineData(new byte[] { 0xB4 }, "Inconsistent")]
    [InlineData(new byte[] { 0xFE, 0x02, 0x10, 0x00, 0x00 }, "UnsupportedItem")]
    [InlineData(new byte[] { 0x75, 0x00 }, "Inconsistent")]
    [InlineData(new byte[] { 0x85, 0x00 }, "Inconsistent")]
    [InlineData(new byte[] { }, "NoTelephonyControls")]
    public void Malformed_descriptors_give_a_reason_instead_of_throwing(byte[] descriptor, string expected)
    {
        var result = HidReportDescriptorParser.Parse(descriptor);

        Assert.False(result.Success);
        Assert.Equal(expected, result.Error.ToString());
        Assert.False(string.IsNullOrEmpty(result.Reason));
    }

    [Fact]
    public void Every_truncation_of_a_real_descriptor_parses_without_throwing()
    {
        for (var length = 0; length <= Blackwire3220Telephony.Length; length++)
        {
            var result = HidReportDescriptorParser.Parse(Blackwire3220Telephony.AsSpan(0, length));
            Assert.True(result.Success || result.Error != HidParseError.None);
        }
    }
}
