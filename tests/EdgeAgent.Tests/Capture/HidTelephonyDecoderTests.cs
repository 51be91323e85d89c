using EdgeCc.Agent.Capture;

namespace EdgeCc.Agent.Tests.Capture;

public sealed class HidTelephonyDecoderTests
{
    [Fact]
    public void Blackwire_mute_press_toggles_and_release_keeps_the_state()
    {
        var decoder = new HidTelephonyDecoder(HidReportDescriptorParser.Parse(HidReportDescriptorParserTests.Blackwire3220Telephony).Layout!);

        Assert.Equal((true, false), decoder.Apply([0x08, 0b010]));
        Assert.True(decoder.OffHook);
        Assert.Equal((false, true), decoder.Apply([0x08, 0b011]));
        Assert.True(decoder.Muted);
        Assert.Equal((false, false), decoder.Apply([0x08, 0b010]));
        Assert.True(decoder.Muted);
        Assert.Equal((false, true), decoder.Apply([0x08, 0b011]));
        Assert.False(decoder.Muted);
        Assert.Equal((true, false), decoder.Apply([0x08, 0b001]));
        Assert.False(decoder.OffHook);
    }

    [Fact]
    public void Absolute_mute_follows_the_bit()
    {
        var decoder = new HidTelephonyDecoder(HidReportDescriptorParser.Parse(HidReportDescriptorParserTests.UsageTablesHeadset).Layout!);

        decoder.Apply([0x01, 0b11]);
        Assert.True(decoder.OffHook);
        Assert.True(decoder.Muted);
        decoder.Apply([0x01, 0b01]);
        Assert.False(decoder.Muted);
    }

    [Fact]
    public void Array_slots_turn_usages_on_while_present()
    {
        var decoder = new HidTelephonyDecoder(HidReportDescriptorParser.Parse(HidReportDescriptorParserTests.UnnumberedArray).Layout!);

        decoder.Apply([0x00, 16, 1]);
        Assert.True(decoder.OffHook);
        Assert.True(decoder.Muted);
        decoder.Apply([0x00, 1, 0]);
        Assert.True(decoder.OffHook);
        Assert.False(decoder.Muted);
    }

    [Fact]
    public void Unknown_report_ids_and_short_reports_are_counted_not_applied()
    {
        var decoder = new HidTelephonyDecoder(HidReportDescriptorParser.Parse(HidReportDescriptorParserTests.UsageTablesHeadset).Layout!);

        decoder.Apply([0x07, 0xFF]);
        decoder.Apply([0x01]);
        decoder.Apply([]);

        Assert.Equal(3, decoder.BadReports);
        Assert.False(decoder.OffHook);
    }
}
