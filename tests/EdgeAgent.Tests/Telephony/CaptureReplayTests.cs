using EdgeCc.Agent.Audio;
using EdgeCc.Agent.Telephony;

namespace EdgeCc.Agent.Tests.Telephony;

/// <summary>Whole captures through PcapCallSource, checked against tshark run on the same file.</summary>
public sealed class CaptureReplayTests
{
    [Theory]
    [InlineData("pcap/voipshark/SIP-RTP-Normal_Call_two_parties.pcap", 4)]
    [InlineData("pcap/voipshark/SIP-over-TLS-RTP-Normal_Call_two_parties.pcap", 4)]
    [InlineData("pcap/heplify/rtp_rtcp_sip_ipv4_udp.pcap", 5)]
    [InlineData("pcap/heplify/sip_ipv4_tcp.pcap", 2)]
    [InlineData("pcap/sipp/g711a.pcap", 1)]
    public async Task Stream_packets_loss_and_jitter_agree_with_tshark(string file, int streams)
    {
        var peer = TsharkRtpStreams.Run(TestPaths.Shared(file));
        var (_, summary) = await ReplayHelper.RunAsync(file);

        Assert.Equal(streams, peer.Count);
        foreach (var expected in peer)
        {
            var ours = Assert.Single(summary.Streams, s => s.Source == expected.Source && s.Destination == expected.Destination && s.Ssrc == expected.Ssrc);
            Assert.Equal(expected.Packets, ours.Packets);
            Assert.Equal(expected.Lost, ours.Lost);
            Assert.InRange(ours.JitterMilliseconds, (expected.MeanJitterMs * 0.95) - 0.02, (expected.MeanJitterMs * 1.05) + 0.02);
            Assert.InRange(ours.MaxJitterMilliseconds, (expected.MaxJitterMs * 0.95) - 0.02, (expected.MaxJitterMs * 1.05) + 0.02);
        }
    }

    [Fact]
    public async Task Fax_call_counts_every_audio_packet_on_the_media_ports()
    {
        // After the refused T.38 re-INVITE tshark decodes the audio port as T.38 (2010 packets it no
        // longer calls RTP), so the peer figure here is tshark's count of UDP datagrams between the media ports.
        const string File = "pcap/heplify/FAX-Call-t38-CA-TDM-SIP-FB-1.pcap";
        var udp = TsharkRtpStreams.CountFrames(TestPaths.Shared(File), "udp.port==15580 && udp.port==16756");
        var (_, summary) = await ReplayHelper.RunAsync(File);

        // RTP that arrives after the BYE is counted, not heard.
        var afterEnd = summary.Issues.GetValueOrDefault(TelephonyIssue.RtpAfterCallEnded);
        Assert.Equal(6995, udp);
        Assert.Equal(udp, summary.Streams.Sum(s => s.Packets) + afterEnd);
        Assert.InRange(afterEnd, 1, 10);
        Assert.All(summary.Streams, s => Assert.Equal("PCMA", s.Codec));
    }

    [Theory]
    [InlineData("pcap/sipp/dtmf_2833_0.pcap")]
    [InlineData("pcap/sipp/dtmf_2833_1.pcap")]
    [InlineData("pcap/sipp/dtmf_2833_star.pcap")]
    [InlineData("pcap/sipp/dtmf_2833_pound.pcap")]
    public async Task Telephone_events_are_counted_and_never_turned_into_audio(string file)
    {
        var peer = Assert.Single(TsharkRtpStreams.Run(TestPaths.Shared(file)));
        var (sink, summary) = await ReplayHelper.RunAsync(file);

        var stream = Assert.Single(summary.Streams);
        Assert.Equal(1, stream.TelephoneEvents);
        Assert.Equal(peer.Packets, stream.Packets);
        Assert.Equal(peer.Lost, stream.Lost);
        Assert.DoesNotContain(sink.Inputs, i => i.Frame is not null);
    }

    [Fact]
    public async Task Signalled_calls_yield_both_legs_with_the_agent_mapped_by_extension()
    {
        var options = new TelephonyOptions { Agents = [new AgentMapping { AgentId = "agent-7", Extensions = ["2222"] }] };
        var (sink, summary) = await ReplayHelper.RunAsync("pcap/voipshark/SIP-RTP-Normal_Call_two_parties.pcap", options);

        var started = sink.Events<CallStarted>();
        Assert.Equal(2, started.Count);
        Assert.All(started, s => Assert.Equal("agent-7", s.AgentId));
        Assert.All(started, s => Assert.Equal("2222", s.Dialled));
        Assert.All(sink.Events<CallEnded>(), e => Assert.Equal(2, e.Streams.Count));
        Assert.Equal(2, sink.Events<CallAnswered>().Count);
        Assert.All(sink.Events<CallEnded>(), e => Assert.Equal("bye", e.Reason));

        foreach (var call in started)
        {
            foreach (var leg in new[] { Leg.Agent, Leg.Customer })
            {
                var frames = sink.Inputs.Where(i => i.Frame is { } f && f.CallId == call.CallId && f.Leg == leg).Select(i => i.Frame!).ToList();
                Assert.InRange(frames.Count, 1340, 1346);
                Assert.All(frames, f => Assert.Equal(8000, f.SampleRate));
                for (var i = 1; i < frames.Count; i++)
                {
                    Assert.True(frames[i].Timestamp > frames[i - 1].Timestamp);
                }
            }

            // Callee 2222 is the agent: the agent leg is what the callee side sends.
            var agentStream = Assert.Single(summary.Streams, s => s.CallId == call.CallId && s.Leg == Leg.Agent);
            Assert.Equal("PCMU", agentStream.Codec);
            Assert.InRange(agentStream.Mos, 4.0, 4.5);
        }

        // Audio of a call comes before its end, events of a call keep their order.
        var ended = sink.Inputs.FindIndex(i => i.Event is CallEnded e && e.CallId == started[0].CallId);
        Assert.DoesNotContain(sink.Inputs.Skip(ended + 1), i => i.Frame?.CallId == started[0].CallId);
    }

    [Fact]
    public async Task Rtp_without_signalling_is_still_heard_and_flagged_unsignalled()
    {
        var (sink, summary) = await ReplayHelper.RunAsync("pcap/voipshark/SIP-over-TLS-RTP-Normal_Call_two_parties.pcap");

        Assert.Equal(2, sink.Events<CallStarted>().Count);
        Assert.All(sink.Events<CallStarted>(), s => Assert.Equal("rtp", s.Source));
        Assert.All(summary.Streams, s => Assert.True(s.Unsignalled));
        Assert.Equal(0, summary.SipMessages);
        Assert.All(sink.Events<CallEnded>(), e => Assert.Equal("end-of-file", e.Reason));
    }

    [Fact]
    public async Task Holds_and_resumes_from_reinvites_inside_erspan_and_a_refused_refer_is_no_transfer()
    {
        var (sink, _) = await ReplayHelper.RunAsync("pcap/heplify/erspan_sip_ipv4_udp.pcapng");

        Assert.Equal(3, sink.Events<CallStarted>().Count);
        Assert.Equal(3, sink.Events<CallHeld>().Count);
        Assert.Single(sink.Events<CallResumed>());
        Assert.Empty(sink.Events<CallTransferred>()); // REFER answered 407 then 488
        Assert.All(sink.Events<CallEnded>(), e => Assert.Equal("bye", e.Reason));
    }

    [Fact]
    public async Task Cancelled_and_rejected_calls_end_with_their_reason_and_late_media_is_counted()
    {
        var (sink, summary) = await ReplayHelper.RunAsync("pcap/sngrep/aaa.pcap");

        Assert.Equal(["cancel", "failed", "failed", "failed"], sink.Events<CallEnded>().Select(e => e.Reason));
        Assert.Empty(sink.Events<CallAnswered>());

        // tshark's 9 RTP packets follow the 480 that ended their call.
        Assert.Equal(9, summary.Issues[TelephonyIssue.RtpAfterCallEnded]);
    }

    [Fact]
    public async Task Sip_over_fragmented_tcp_tracks_every_invite()
    {
        var (sink, summary) = await ReplayHelper.RunAsync("pcap/heplify/sip_ipv4_tcp_fragmented.pcap");

        Assert.Equal(406, summary.SipMessages);
        Assert.Equal(37, sink.Events<CallStarted>().Count);
        var reasons = sink.Events<CallEnded>().GroupBy(e => e.Reason).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(37, reasons.Values.Sum());
        Assert.True(reasons["cancel"] >= 1);
    }

    [Theory]
    [InlineData("pcap/sngrep/ipip.pcap")]
    [InlineData("pcap/sngrep/ipv6frag.pcap")]
    public async Task Calls_over_ipv6_tunnels_and_fragments_start_answer_and_end_by_bye(string file)
    {
        var (sink, _) = await ReplayHelper.RunAsync(file);

        Assert.NotEmpty(sink.Events<CallStarted>());
        Assert.NotEmpty(sink.Events<CallAnswered>());
        Assert.Contains(sink.Events<CallEnded>(), e => e.Reason == "bye");
    }

    [Fact]
    public async Task Invite_over_ipv6_starts_a_call()
    {
        var (sink, summary) = await ReplayHelper.RunAsync("pcap/heplify/sip_ipv6_udp.pcap");

        Assert.Single(sink.Events<CallStarted>());
        Assert.Equal(6, summary.SipMessages);
    }

    [Fact]
    public async Task Tls_signalling_is_counted_as_not_sip_and_nothing_crashes()
    {
        var (sink, summary) = await ReplayHelper.RunAsync("pcap/sngrep/tlssaved.pcap");

        Assert.Empty(sink.Inputs);
        Assert.Equal(12, summary.Frames);
    }
}
