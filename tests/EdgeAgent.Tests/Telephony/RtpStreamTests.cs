using EdgeCc.Agent.Audio;
using EdgeCc.Agent.Telephony;

namespace EdgeCc.Agent.Tests.Telephony;

public sealed class RtpStreamTests
{
    private static readonly TimeSpan Ptime = TimeSpan.FromMilliseconds(20);

    [Fact]
    public void Reordered_packets_come_out_in_order_and_a_lost_one_is_concealed()
    {
        var s = new SipScenario();
        s.AnsweredCall();
        ushort[] order = [0, 1, 3, 2, 4, 6, 7, 8, 9, 10, 11];
        foreach (var seq in order)
        {
            s.RtpFromCaller(SipScenario.Rtp(0, seq, seq * 160u, 0x1111, fill: 0x80));
            s.Advance(Ptime);
        }

        s.Engine.Finish(s.Ticks, "end-of-file");
        s.Advance(TimeSpan.Zero);
        var frames = s.Frames(Leg.Customer);

        // 11 packets and one concealment for seq 5; timestamps on a 20 ms grid, strictly increasing.
        Assert.Equal(12, frames.Count);
        for (var i = 0; i < frames.Count; i++)
        {
            Assert.Equal(frames[0].Timestamp + (Ptime * i), frames[i].Timestamp);
        }

        var report = Assert.Single(s.Engine.Reports());
        Assert.Equal(1, report.Lost);
        Assert.Equal(1, report.ConcealedFrames);
        Assert.True(report.Mos < EModel.Mos(EModel.RFactor(0, 100, RtpCodec.Pcmu)));
    }

    [Fact]
    public void Sequence_and_timestamp_wrap_keep_frames_contiguous()
    {
        var s = new SipScenario();
        s.AnsweredCall();
        var seq = (ushort)65530;
        var ts = uint.MaxValue - (160 * 3);
        for (var i = 0; i < 12; i++)
        {
            s.RtpFromCaller(SipScenario.Rtp(8, seq, ts, 0x2222));
            seq++;
            ts += 160;
            s.Advance(Ptime);
        }

        s.Engine.Finish(s.Ticks, "end-of-file");
        s.Advance(TimeSpan.Zero);
        var frames = s.Frames(Leg.Customer);

        Assert.Equal(12, frames.Count);
        Assert.Equal(Ptime * 11, frames[^1].Timestamp - frames[0].Timestamp);
        var report = Assert.Single(s.Engine.Reports());
        Assert.Equal(12, report.Packets);
        Assert.Equal(0, report.Lost);
    }

    [Fact]
    public void Wild_sequence_jump_is_counted_and_the_stream_resyncs_without_disturbing_other_calls()
    {
        var s = new SipScenario();
        s.AnsweredCall("c1");
        s.AnsweredCall("c2", "1002", "2002", 16100, 17100);
        for (ushort i = 0; i < 10; i++)
        {
            s.RtpFromCaller(SipScenario.Rtp(0, i, i * 160u, 0x3333));
            s.Udp(SipScenario.CallerIp, 16100, SipScenario.CalleeIp, 17100, SipScenario.Rtp(0, i, i * 160u, 0x4444));
            s.Advance(Ptime);
        }

        // One wild packet, then the source really restarts at 40000.
        s.RtpFromCaller(SipScenario.Rtp(0, 30000, 99_999, 0x3333));
        for (ushort i = 0; i < 10; i++)
        {
            s.RtpFromCaller(SipScenario.Rtp(0, (ushort)(40000 + i), 500_000 + (i * 160u), 0x3333));
            s.Udp(SipScenario.CallerIp, 16100, SipScenario.CalleeIp, 17100, SipScenario.Rtp(0, (ushort)(10 + i), (uint)(10 + i) * 160u, 0x4444));
            s.Advance(Ptime);
        }

        s.Engine.Finish(s.Ticks, "end-of-file");
        s.Advance(TimeSpan.Zero);

        Assert.True(s.Engine.Counters[TelephonyIssue.RtpSequenceJump] >= 2);
        var other = s.Engine.Reports().Single(r => r.Ssrc == 0x4444);
        Assert.Equal(20, other.Packets);
        Assert.Equal(0, other.Lost);
        Assert.Equal(20, s.Inputs.Count(i => i.Frame?.CallId == "c2"));
        Assert.InRange(s.Inputs.Count(i => i.Frame?.CallId == "c1"), 18, 20);
    }

    [Fact]
    public void Unknown_payload_type_is_tracked_and_reported_undecodable()
    {
        var s = new SipScenario();
        s.AnsweredCall();
        for (ushort i = 0; i < 5; i++)
        {
            s.RtpFromCaller(SipScenario.Rtp(18, i, i * 160u, 0x5555, payloadLength: 20));
            s.Advance(Ptime);
        }

        var report = Assert.Single(s.Engine.Reports());
        Assert.False(report.Decodable);
        Assert.Equal(5, report.Packets);
        Assert.Equal("G729", report.Codec);
        Assert.Equal(1, s.Engine.Counters[TelephonyIssue.RtpUndecodable]);
        Assert.DoesNotContain(s.Inputs, i => i.Frame is not null);
    }

    [Fact]
    public void Ssrc_change_starts_a_new_stream_on_the_same_leg()
    {
        var s = new SipScenario();
        s.AnsweredCall();
        for (ushort i = 0; i < 5; i++)
        {
            s.RtpFromCaller(SipScenario.Rtp(0, i, i * 160u, 0x6666));
            s.Advance(Ptime);
        }

        for (ushort i = 0; i < 5; i++)
        {
            s.RtpFromCaller(SipScenario.Rtp(0, (ushort)(9000 + i), 77_000 + (i * 160u), 0x7777));
            s.Advance(Ptime);
        }

        s.Engine.Finish(s.Ticks, "end-of-file");
        s.Advance(TimeSpan.Zero);

        Assert.Equal(2, s.Engine.Reports().Count);
        Assert.All(s.Engine.Reports(), r => Assert.Equal(Leg.Customer, r.Leg));
        Assert.Equal(1, s.Engine.Counters[TelephonyIssue.RtpSsrcChange]);
        var frames = s.Frames(Leg.Customer);
        Assert.Equal(10, frames.Count);
        for (var i = 1; i < frames.Count; i++)
        {
            Assert.True(frames[i].Timestamp > frames[i - 1].Timestamp);
        }
    }

    [Fact]
    public void G722_stream_is_decoded_at_16_khz_with_two_samples_per_byte()
    {
        var s = new SipScenario();
        s.Sip(SipScenario.Request("INVITE", "c1", 1, "1001", "ft", "2001", null, SipScenario.Sdp(SipScenario.CallerIp, SipScenario.CallerRtp, payloads: "9", extra: "a=rtpmap:9 G722/8000\r\n")));
        s.Sip(SipScenario.Response(200, "c1", 1, "INVITE", "1001", "ft", "2001", "tt", SipScenario.Sdp(SipScenario.CalleeIp, SipScenario.CalleeRtp, payloads: "9")), fromCaller: false);
        for (ushort i = 0; i < 5; i++)
        {
            s.RtpFromCaller(SipScenario.Rtp(9, i, i * 160u, 0x8888, fill: 0xAA));
            s.Advance(Ptime);
        }

        s.Engine.Finish(s.Ticks, "end-of-file");
        s.Advance(TimeSpan.Zero);
        var frames = s.Frames(Leg.Customer);

        Assert.Equal(5, frames.Count);
        Assert.All(frames, f => Assert.Equal(16000, f.SampleRate));
        Assert.All(frames, f => Assert.Equal(320, f.Samples.Length));
        Assert.Equal(Ptime, frames[1].Timestamp - frames[0].Timestamp);
    }

    [Fact]
    public void Truncated_and_random_rtp_is_counted_and_never_throws()
    {
        var s = new SipScenario();
        s.AnsweredCall();
        var random = new Random(99);
        var good = SipScenario.Rtp(0, 1, 160, 0x9999);
        for (var length = 0; length < good.Length; length++)
        {
            s.RtpFromCaller(good[..length]);
        }

        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            if (bytes.Length > 0)
            {
                bytes[0] = (byte)(0x80 | (bytes[0] & 0x3F));
            }

            s.RtpFromCaller(bytes);
        }

        Assert.True(s.Engine.Counters.Snapshot().Values.Sum() > 0);
        Assert.Empty(s.Events<CallEnded>());
    }
}
