using EdgeCc.Agent.Audio;
using EdgeCc.Agent.Telephony;

namespace EdgeCc.Agent.Tests.Telephony;

public sealed class CallTrackerTests
{
    [Fact]
    public void Invite_ringing_ok_ack_bye_yields_started_answered_ended()
    {
        var s = new SipScenario();
        s.AnsweredCall();
        s.Advance(TimeSpan.FromSeconds(5));
        s.Sip(SipScenario.Request("BYE", "c1", 2, "1001", "ft", "2001", "tt"));

        Assert.Equal(["CallStarted", "CallAnswered", "CallEnded"], s.Inputs.Select(i => i.Event!.GetType().Name));
        var ended = Assert.Single(s.Events<CallEnded>());
        Assert.Equal("bye", ended.Reason);
        Assert.Equal(TimeSpan.FromSeconds(5), ended.Offset);
    }

    [Fact]
    public void Sip_reinvite_with_sendonly_marks_call_held_and_sendrecv_resumes_it()
    {
        var s = new SipScenario();
        s.AnsweredCall();
        s.Sip(SipScenario.Request("INVITE", "c1", 2, "2001", "tt", "1001", "ft", SipScenario.Sdp(SipScenario.CalleeIp, SipScenario.CalleeRtp, "sendonly")), fromCaller: false);
        s.Sip(SipScenario.Response(200, "c1", 2, "INVITE", "2001", "tt", "1001", "ft", SipScenario.Sdp(SipScenario.CallerIp, SipScenario.CallerRtp, "recvonly")));
        s.Advance(TimeSpan.FromSeconds(3));
        s.Sip(SipScenario.Request("INVITE", "c1", 3, "2001", "tt", "1001", "ft", SipScenario.Sdp(SipScenario.CalleeIp, SipScenario.CalleeRtp)), fromCaller: false);

        Assert.Single(s.Events<CallHeld>());
        var resumed = Assert.Single(s.Events<CallResumed>());
        Assert.Equal(TimeSpan.FromSeconds(3), resumed.Offset);
    }

    [Theory]
    [InlineData("inactive")]
    [InlineData("zero-address")]
    public void Reinvite_with_inactive_or_zero_address_marks_call_held(string kind)
    {
        var s = new SipScenario();
        s.AnsweredCall();
        var sdp = kind == "inactive"
            ? SipScenario.Sdp(SipScenario.CallerIp, SipScenario.CallerRtp, "inactive")
            : SipScenario.Sdp("0.0.0.0", SipScenario.CallerRtp);
        s.Sip(SipScenario.Request("INVITE", "c1", 2, "1001", "ft", "2001", "tt", sdp));

        Assert.Single(s.Events<CallHeld>());
    }

    [Fact]
    public void Accepted_refer_counts_one_transfer_and_names_only_a_known_agent()
    {
        var options = new TelephonyOptions { Agents = [new AgentMapping { AgentId = "bob", Extensions = ["3001"] }] };
        var s = new SipScenario(options);
        s.AnsweredCall();
        s.Sip(SipScenario.Request("REFER", "c1", 2, "2001", "tt", "1001", "ft", extraHeaders: "Refer-To: <sip:3001@pbx.example>\r\n"), fromCaller: false);
        s.Sip(SipScenario.Response(202, "c1", 2, "REFER", "2001", "tt", "1001", "ft"));
        s.Sip(SipScenario.Response(202, "c1", 2, "REFER", "2001", "tt", "1001", "ft")); // retransmission

        var transfer = Assert.Single(s.Events<CallTransferred>());
        Assert.Equal("bob", transfer.Target);
        Assert.Equal(1, s.Engine.Tracker.Find("c1")!.TransferCount);
    }

    [Fact]
    public void Refused_refer_is_not_a_transfer()
    {
        var s = new SipScenario();
        s.AnsweredCall();
        s.Sip(SipScenario.Request("REFER", "c1", 2, "2001", "tt", "1001", "ft", extraHeaders: "Refer-To: <sip:+15551234@pbx.example>\r\n"), fromCaller: false);
        s.Sip(SipScenario.Response(488, "c1", 2, "REFER", "2001", "tt", "1001", "ft"));

        Assert.Empty(s.Events<CallTransferred>());
    }

    [Fact]
    public void Invite_with_replaces_counts_a_transfer_on_the_replaced_call()
    {
        var s = new SipScenario();
        s.AnsweredCall();
        s.Sip(SipScenario.Request("INVITE", "c2", 1, "3001", "x1", "2001", null, SipScenario.Sdp("10.0.0.30", 18000), "Replaces: c1;to-tag=tt;from-tag=ft\r\n"));

        var transfer = Assert.Single(s.Events<CallTransferred>());
        Assert.Equal("c1", transfer.CallId);
        Assert.Null(transfer.Target);
        Assert.Equal(2, s.Events<CallStarted>().Count);
    }

    [Fact]
    public void Cancel_before_answer_ends_with_cancel_and_busy_ends_with_failed()
    {
        var s = new SipScenario();
        s.Sip(SipScenario.Request("INVITE", "c1", 1, "1001", "ft", "2001", null, SipScenario.Sdp(SipScenario.CallerIp, SipScenario.CallerRtp)));
        s.Sip(SipScenario.Request("CANCEL", "c1", 1, "1001", "ft", "2001", null));
        s.Sip(SipScenario.Request("INVITE", "c2", 1, "1001", "f2", "2001", null, SipScenario.Sdp(SipScenario.CallerIp, 16100)));
        s.Sip(SipScenario.Response(486, "c2", 1, "INVITE", "1001", "f2", "2001", "t2"), fromCaller: false);

        Assert.Equal(["cancel", "failed"], s.Events<CallEnded>().Select(e => e.Reason));
        Assert.Empty(s.Events<CallAnswered>());
    }

    [Fact]
    public void Auth_challenge_keeps_the_call_until_the_retried_invite_is_answered()
    {
        var s = new SipScenario();
        s.Sip(SipScenario.Request("INVITE", "c1", 1, "1001", "ft", "2001", null, SipScenario.Sdp(SipScenario.CallerIp, SipScenario.CallerRtp)));
        s.Sip(SipScenario.Response(407, "c1", 1, "INVITE", "1001", "ft", "2001", "x"), fromCaller: false);
        s.Sip(SipScenario.Request("INVITE", "c1", 2, "1001", "ft", "2001", null, SipScenario.Sdp(SipScenario.CallerIp, SipScenario.CallerRtp)));
        s.Sip(SipScenario.Response(200, "c1", 2, "INVITE", "1001", "ft", "2001", "tt", SipScenario.Sdp(SipScenario.CalleeIp, SipScenario.CalleeRtp)), fromCaller: false);

        Assert.Single(s.Events<CallStarted>());
        Assert.Single(s.Events<CallAnswered>());
        Assert.Empty(s.Events<CallEnded>());
    }

    [Fact]
    public void Call_whose_rtp_stops_ends_by_media_timeout_on_packet_time()
    {
        var s = new SipScenario(new TelephonyOptions { MediaTimeout = TimeSpan.FromSeconds(10) });
        s.AnsweredCall();
        for (ushort i = 0; i < 50; i++)
        {
            s.RtpFromCaller(SipScenario.Rtp(0, i, i * 160u, 0xAAAA));
            s.Advance(TimeSpan.FromMilliseconds(20));
        }

        s.Advance(TimeSpan.FromSeconds(9));
        Assert.Empty(s.Events<CallEnded>());
        s.Advance(TimeSpan.FromSeconds(2));

        var ended = Assert.Single(s.Events<CallEnded>());
        Assert.Equal("timeout", ended.Reason);
        Assert.InRange(ended.Offset, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(1.1)); // when the media stopped
    }

    [Fact]
    public void Early_media_from_183_is_heard_before_the_answer()
    {
        var s = new SipScenario();
        s.Sip(SipScenario.Request("INVITE", "c1", 1, "1001", "ft", "2001", null, SipScenario.Sdp(SipScenario.CallerIp, SipScenario.CallerRtp)));
        s.Sip(SipScenario.Response(183, "c1", 1, "INVITE", "1001", "ft", "2001", "tt", SipScenario.Sdp(SipScenario.CalleeIp, SipScenario.CalleeRtp)), fromCaller: false);
        for (ushort i = 0; i < 10; i++)
        {
            s.RtpFromCallee(SipScenario.Rtp(8, i, i * 160u, 0xBBBB));
            s.Advance(TimeSpan.FromMilliseconds(20));
        }

        Assert.Empty(s.Events<CallAnswered>());
        Assert.NotEmpty(s.Frames(Leg.Agent)); // unmapped: the callee is the agent by default
    }

    [Fact]
    public void Agent_is_found_by_phone_subnet_and_the_caller_leg_becomes_the_agent_leg()
    {
        var options = new TelephonyOptions { Agents = [new AgentMapping { AgentId = "desk-4", Addresses = ["10.0.0.0/28"] }] };
        var s = new SipScenario(options);
        s.AnsweredCall(caller: "unknown", callee: "5550100");
        s.RtpFromCaller(SipScenario.Rtp(0, 1, 160, 0xCCCC));
        s.RtpFromCaller(SipScenario.Rtp(0, 2, 320, 0xCCCC));
        s.Engine.Finish(s.Ticks, "end-of-file");
        s.Advance(TimeSpan.Zero);

        Assert.Equal("desk-4", Assert.Single(s.Events<CallStarted>()).AgentId);
        Assert.Contains(s.Inputs, i => i.Frame is { Leg: Leg.Agent });
        Assert.DoesNotContain(s.Inputs, i => i.Frame is { Leg: Leg.Customer });
    }

    [Fact]
    public void Garbage_and_wrong_content_length_are_counted_and_the_call_goes_on()
    {
        var s = new SipScenario();
        s.AnsweredCall();
        s.Sip("INVITE garbage\r\n\r\n");
        s.Sip(SipScenario.Request("INFO", "c1", 5, "1001", "ft", "2001", "tt").Replace("Content-Length: 0", "Content-Length: 999", StringComparison.Ordinal));
        s.Sip(SipScenario.Request("INVITE", "c1", 6, "1001", "ft", "2001", "tt", "v=0\r\nm=audio banana RTP/AVP 0\r\n"));
        s.Udp(SipScenario.CallerIp, 5060, SipScenario.CalleeIp, 5060, [0x13, 0x37, 0x00, 0x01, 0x02, 0x03]);
        s.Sip(SipScenario.Request("BYE", "c1", 7, "1001", "ft", "2001", "tt"));

        var counters = s.Engine.Counters;
        Assert.Equal(1, counters[TelephonyIssue.SipBodyShorterThanContentLength]);
        Assert.Equal(1, counters[TelephonyIssue.SdpBad]);
        Assert.Equal(2, counters[TelephonyIssue.SipNotSip]); // a request line without SIP/2.0, binary bytes on 5060
        Assert.Equal("bye", Assert.Single(s.Events<CallEnded>()).Reason);
        Assert.Empty(s.Events<CallHeld>());
    }
}
