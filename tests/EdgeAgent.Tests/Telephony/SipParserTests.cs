using System.Text;
using EdgeCc.Agent.Telephony;

namespace EdgeCc.Agent.Tests.Telephony;

public sealed class SipParserTests
{
    private const string Invite =
        "INVITE sip:2001@pbx.example SIP/2.0\r\n" +
        "v: SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK1\r\n" +
        "f: \"Alice\" <sip:1001@pbx.example>;tag=abc\r\n" +
        "t: <sip:2001@pbx.example>\r\n" +
        "i: call-1@10.0.0.5\r\n" +
        "CSeq: 1 INVITE\r\n" +
        "c: application/sdp\r\n" +
        "l: 10\r\n" +
        "\r\n" +
        "v=0\r\no=x\r\n";

    [Fact]
    public void Compact_header_forms_are_read_as_their_long_names()
    {
        var result = SipParser.Parse(Encoding.ASCII.GetBytes(Invite), stream: false, out var message, out _);

        Assert.Equal(SipParseResult.Ok, result);
        Assert.Equal("INVITE", message!.Method);
        Assert.Equal("call-1@10.0.0.5", message.CallId);
        Assert.Equal("abc", message.FromTag);
        Assert.Null(message.ToTag);
        Assert.Equal("application/sdp", message.ContentType);
        Assert.Equal(1, message.CSeq);
        Assert.Equal("INVITE", message.CSeqMethod);
        Assert.Equal(10, message.Body.Length);
    }

    [Fact]
    public void Several_messages_in_one_stream_buffer_are_cut_by_content_length()
    {
        var ok = "SIP/2.0 200 OK\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
        var data = Encoding.ASCII.GetBytes("\r\n\r\n" + Invite + ok + "SIP/2.0 180 Ring");
        var span = data.AsSpan();

        Assert.Equal(SipParseResult.Ok, SipParser.Parse(span, stream: true, out var first, out var used));
        span = span[used..];
        Assert.Equal(SipParseResult.Ok, SipParser.Parse(span, stream: true, out var second, out used));
        span = span[used..];
        Assert.Equal(SipParseResult.Incomplete, SipParser.Parse(span, stream: true, out _, out used));

        Assert.Equal("INVITE", first!.Method);
        Assert.Equal(200, second!.StatusCode);
        Assert.Equal(0, used);
    }

    [Fact]
    public void Content_length_longer_than_the_datagram_is_reported_not_thrown()
    {
        var data = Encoding.ASCII.GetBytes(Invite.Replace("l: 10", "l: 500", StringComparison.Ordinal));

        Assert.Equal(SipParseResult.BodyShorterThanContentLength, SipParser.Parse(data, stream: false, out var message, out _));
        Assert.Null(message);
    }

    [Fact]
    public void Content_length_that_is_not_a_number_is_reported()
    {
        var data = Encoding.ASCII.GetBytes(Invite.Replace("l: 10", "l: ten", StringComparison.Ordinal));

        Assert.Equal(SipParseResult.BadContentLength, SipParser.Parse(data, stream: false, out _, out _));
    }

    [Fact]
    public void Missing_call_id_is_reported()
    {
        var data = Encoding.ASCII.GetBytes(Invite.Replace("i: call-1@10.0.0.5\r\n", string.Empty, StringComparison.Ordinal));

        Assert.Equal(SipParseResult.MissingRequiredHeader, SipParser.Parse(data, stream: false, out _, out _));
    }

    [Fact]
    public void Bad_status_code_is_a_bad_start_line()
    {
        Assert.Equal(SipParseResult.BadStartLine, SipParser.Parse("SIP/2.0 2x0 OK\r\nCall-ID: a\r\n\r\n"u8, stream: false, out _, out _));
    }

    [Fact]
    public void Every_prefix_and_random_garbage_parse_without_throwing()
    {
        var data = Encoding.ASCII.GetBytes(Invite);
        for (var length = 0; length <= data.Length; length++)
        {
            SipParser.Parse(data.AsSpan(0, length), stream: false, out _, out _);
            var streamResult = SipParser.Parse(data.AsSpan(0, length), stream: true, out _, out var consumed);
            Assert.InRange(consumed, 0, length);
            if (length < data.Length)
            {
                Assert.NotEqual(SipParseResult.Ok, streamResult);
            }
        }

        var random = new Random(7);
        var buffer = new byte[700];
        for (var i = 0; i < 5000; i++)
        {
            random.NextBytes(buffer);
            var cut = random.Next(buffer.Length);
            data.AsSpan(0, Math.Min(cut, data.Length)).CopyTo(buffer);
            SipParser.Parse(buffer, stream: i % 2 == 0, out _, out _);
        }
    }

    [Fact]
    public void Multipart_body_yields_the_sdp_part()
    {
        const string body =
            "--b1\r\nContent-Type: application/isup\r\n\r\nxx\r\n" +
            "--b1\r\nContent-Type: application/sdp\r\n\r\nv=0\r\nc=IN IP4 10.1.1.1\r\nm=audio 4000 RTP/AVP 0\r\n\r\n--b1--\r\n";
        var text = "INVITE sip:a@b SIP/2.0\r\nCall-ID: m1\r\nCSeq: 1 INVITE\r\nContent-Type: multipart/mixed;boundary=\"b1\"\r\n" +
                   $"Content-Length: {body.Length}\r\n\r\n{body}";
        Assert.Equal(SipParseResult.Ok, SipParser.Parse(Encoding.ASCII.GetBytes(text), stream: false, out var message, out _));

        var sdp = SipBody.FindSdp(message!);

        Assert.Equal(SdpParseResult.Ok, SdpParser.Parse(sdp.Span, out var session));
        Assert.Equal(4000, session!.Audio!.Port);
        Assert.Equal("10.1.1.1", session.Connection.ToString());
    }
}
