namespace EdgeCc.Agent.Tests.Telephony;

/// <summary>SIP parsing against real captures; expected counts are tshark's (pcap/VERIFY_tshark.txt).</summary>
public sealed class SipCaptureParsingTests
{
    [Fact]
    public void Tcp_capture_with_messages_split_over_segments_yields_the_messages_tshark_sees()
    {
        var (messages, _) = SipCaptureHelper.Read("pcap/heplify/sip_ipv4_tcp_fragmented.pcap");
        var tally = SipCaptureHelper.Tally(messages);

        Assert.Equal(37, tally["INVITE"]);
        Assert.Equal(37, tally["ACK"]);
        Assert.Equal(34, tally["BYE"]);
        Assert.Equal(2, tally["CANCEL"]);
        Assert.Equal(5, tally["OPTIONS"]);
        Assert.Equal(5, tally["PRACK"]);
        Assert.Equal(63, tally["UPDATE"]);
        Assert.Equal(36, tally["100"]);
        Assert.Equal(33, tally["180"]);
        Assert.Equal(2, tally["182"]);
        Assert.Equal(6, tally["183"]);
        Assert.Equal(142, tally["200"]);
        Assert.Equal(1, tally["403"]);
        Assert.Equal(1, tally["486"]);
        Assert.Equal(2, tally["487"]);
        Assert.Equal(70, messages.Select(m => m.CallId).Distinct().Count());
    }

    [Fact]
    public void Erspan_capture_yields_every_sip_message_tshark_counts()
    {
        var (messages, counters) = SipCaptureHelper.Read("pcap/heplify/erspan_sip_ipv4_udp.pcapng");
        var tally = SipCaptureHelper.Tally(messages);

        Assert.Equal(140, messages.Count);
        Assert.Equal(16, tally["INVITE"]);
        Assert.Equal(4, tally["REFER"]);
        Assert.Equal(8, tally["481"]);
        Assert.Empty(counters.Snapshot());
    }

    [Fact]
    public void Tcp_retransmissions_are_not_parsed_twice()
    {
        var (messages, counters) = SipCaptureHelper.Read("pcap/heplify/sip_ipv4_tcp_retrans.pcap");
        var tally = SipCaptureHelper.Tally(messages);

        Assert.Equal(4, tally["REGISTER"]);
        Assert.Equal(2, tally["401"]);
        Assert.Equal(2, tally["200"]);
        Assert.True(counters[EdgeCc.Agent.Telephony.TelephonyIssue.TcpRetransmission] > 0);
    }

    [Fact]
    public void Tls_without_key_is_counted_as_not_sip_and_nothing_is_parsed()
    {
        var (messages, counters) = SipCaptureHelper.Read("pcap/sngrep/tlssaved.pcap");

        Assert.Empty(messages);
        Assert.True(counters[EdgeCc.Agent.Telephony.TelephonyIssue.SipNotSip] > 0);
    }

    [Theory]
    [InlineData("pcap/heplify/sip_ipv4_tcp.pcap", 7)]
    [InlineData("pcap/heplify/sip_ipv6_udp.pcap", 6)]
    [InlineData("pcap/sngrep/ipip.pcap", 4)]
    [InlineData("pcap/sngrep/ipv6frag.pcap", 32)]
    [InlineData("pcap/sngrep/aaa.pcap", 81)]
    [InlineData("pcap/voipshark/SIP-RTP-Normal_Call_two_parties.pcap", 48)]
    [InlineData("pcap/heplify/FAX-Call-t38-CA-TDM-SIP-FB-1.pcap", 92)]
    public void Capture_yields_as_many_sip_messages_as_tshark(string file, int expected)
    {
        var (messages, _) = SipCaptureHelper.Read(file);

        Assert.Equal(expected, messages.Count);
    }
}
