using System.Text;
using EdgeCc.Agent.Telephony;

namespace EdgeCc.Agent.Tests.Telephony;

public sealed class SdpParserTests
{
    private const string Offer =
        "v=0\r\no=- 1 1 IN IP4 10.0.0.5\r\ns=-\r\nc=IN IP4 10.0.0.5\r\nt=0 0\r\n" +
        "m=audio 40000 RTP/AVP 9 0 8 101\r\n" +
        "a=rtpmap:9 G722/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:30\r\na=sendrecv\r\n" +
        "m=video 0 RTP/AVP 96\r\n";

    [Fact]
    public void Offer_yields_address_port_payload_types_rtpmap_and_ptime()
    {
        Assert.Equal(SdpParseResult.Ok, SdpParser.Parse(Encoding.ASCII.GetBytes(Offer), out var session));

        var audio = session!.Audio!;
        Assert.Equal(40000, audio.Port);
        Assert.Equal([9, 0, 8, 101], audio.PayloadTypes);
        Assert.Equal(RtpCodec.G722, RtpCodecs.Codec(audio.Map(9)));
        Assert.Equal(RtpCodec.Pcmu, RtpCodecs.Codec(audio.Map(0)));
        Assert.Equal(RtpCodec.TelephoneEvent, RtpCodecs.Codec(audio.Map(101)));
        Assert.Equal(30, audio.PacketTimeMilliseconds);
        Assert.Equal(MediaDirection.SendRecv, session.DirectionOf(audio));
        Assert.False(session.IsHold);
    }

    [Theory]
    [InlineData("a=sendonly")]
    [InlineData("a=recvonly")]
    [InlineData("a=inactive")]
    public void Direction_attributes_mean_hold(string attribute)
    {
        SdpParser.Parse(Encoding.ASCII.GetBytes(Offer.Replace("a=sendrecv", attribute, StringComparison.Ordinal)), out var session);

        Assert.True(session!.IsHold);
    }

    [Fact]
    public void Zero_connection_address_means_hold()
    {
        SdpParser.Parse(Encoding.ASCII.GetBytes(Offer.Replace("c=IN IP4 10.0.0.5", "c=IN IP4 0.0.0.0", StringComparison.Ordinal)), out var session);

        Assert.True(session!.IsHold);
    }

    [Theory]
    [InlineData("m=audio notaport RTP/AVP 0", (int)SdpParseResult.BadMedia)]
    [InlineData("c=IN IP4 999.1.1.1", (int)SdpParseResult.BadConnection)]
    [InlineData("this is not sdp", (int)SdpParseResult.BadLine)]
    [InlineData("v=0", (int)SdpParseResult.NoMedia)]
    public void Bogus_sdp_is_reported_by_kind(string text, int expected)
    {
        Assert.Equal((SdpParseResult)expected, SdpParser.Parse(Encoding.ASCII.GetBytes(text), out var session));
        Assert.Null(session);
    }
}
