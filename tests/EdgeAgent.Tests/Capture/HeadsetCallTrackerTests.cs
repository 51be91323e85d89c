using System.IO.Pipes;
using EdgeCc.Agent.Audio;
using EdgeCc.Agent.Capture;
using EdgeCc.Agent.Telephony;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCc.Agent.Tests.Capture;

public sealed class HeadsetCallTrackerTests
{
    private static readonly short[] Speech = Tone(320, 8000);
    private static readonly short[] Quiet = new short[320];

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly HeadsetRecordingSink _sink = new();

    [Fact]
    public void Hook_switch_from_a_pipe_starts_and_ends_the_call_and_mute_suppresses_agent_frames()
    {
        var tracker = NewTracker();
        tracker.UseBoundary(HeadsetCallBoundary.HookSwitch, default);
        var layout = HidReportDescriptorParser.Parse(HidReportDescriptorParserTests.Blackwire3220Telephony).Layout!;
        var monitor = new HidTelephonyMonitor(layout);
        using var writer = new AnonymousPipeServerStream(PipeDirection.Out);
        using var reader = new AnonymousPipeClientStream(PipeDirection.In, writer.ClientSafePipeHandle);
        var states = new StateWaiter(tracker);
        var thread = new Thread(() => monitor.Run(reader, on => tracker.OnHook(on, default), tracker.OnMute, default)) { IsBackground = true };
        thread.Start();

        tracker.OnAudio(Speech, Speech, default);
        Send(writer, 0x08, 0b010);
        states.Until(t => t.OffHook == true);
        tracker.OnAudio(Speech, Speech, default);
        Send(writer, 0x08, 0b011);
        states.Until(t => t.Muted);
        tracker.OnAudio(Speech, Speech, default);
        tracker.OnAudio(Speech, Speech, default);

        // Release and a second press arrive in one write: the pipe coalesces them.
        Send(writer, 0x08, 0b010, 0x08, 0b011);
        states.Until(t => !t.Muted);
        tracker.OnAudio(Speech, Speech, default);
        Send(writer, 0x08, 0b000);
        states.Until(t => t.OffHook == false);
        writer.Dispose();
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)));

        var events = _sink.Events;
        Assert.IsType<CallStarted>(events[0]);
        var ended = Assert.IsType<CallEnded>(events[1]);
        Assert.Equal("hangup", ended.Reason);
        Assert.Equal(2, _sink.Frames(Leg.Agent).Count);
        Assert.Equal(4, _sink.Frames(Leg.Customer).Count);
        Assert.Equal(2, tracker.FramesSuppressed);

        // Offsets count samples: the muted blocks leave a visible 40 ms gap in the agent leg.
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromMilliseconds(60)], _sink.Frames(Leg.Agent).Select(f => f.Timestamp));
        Assert.Equal(TimeSpan.FromMilliseconds(80), ended.Offset);
        Assert.Equal(0, monitor.BadReports);
        Assert.Equal(5, monitor.Reports);
    }

    [Fact]
    public void Voice_boundary_starts_on_speech_and_ends_after_the_silence_gap()
    {
        var tracker = NewTracker(silenceGap: TimeSpan.FromSeconds(1));

        tracker.OnAudio(Quiet, [], default);
        Assert.Empty(_sink.Inputs);
        tracker.OnAudio(Speech, [], default);
        for (var i = 0; i < 49; i++)
        {
            tracker.OnAudio(Quiet, [], default);
        }

        Assert.Null(_sink.Events.OfType<CallEnded>().FirstOrDefault());
        tracker.OnAudio(Quiet, [], default);

        var ended = Assert.Single(_sink.Events.OfType<CallEnded>());
        Assert.Equal("silence", ended.Reason);
        Assert.Equal(TimeSpan.FromMilliseconds(1020), ended.Offset);
        Assert.Equal(51, _sink.Frames(Leg.Agent).Count);
        var started = Assert.Single(_sink.Events.OfType<CallStarted>());
        Assert.Equal("agent-7", started.AgentId);
        Assert.Equal("headset", started.Source);
    }

    [Fact]
    public void Unplugging_mid_call_ends_it_with_reason_unplugged()
    {
        var tracker = NewTracker();
        tracker.OnAudio(Speech, [], default);
        _time.Advance(TimeSpan.FromSeconds(5));

        tracker.EndCall("unplugged", default);

        var ended = Assert.Single(_sink.Events.OfType<CallEnded>());
        Assert.Equal("unplugged", ended.Reason);
        Assert.Equal(_time.GetUtcNow(), ended.At);
        Assert.Null(tracker.CallId);
    }

    [Fact]
    public void Muted_speech_does_not_start_a_voice_call()
    {
        var tracker = NewTracker();
        tracker.OnMute(true);

        tracker.OnAudio(Speech, [], default);

        Assert.Empty(_sink.Inputs);
    }

    private static void Send(Stream writer, params byte[] reports)
    {
        writer.Write(reports);
        writer.Flush();
    }

    private static short[] Tone(int length, short amplitude)
    {
        var samples = new short[length];
        for (var i = 0; i < length; i++)
        {
            samples[i] = (short)(amplitude * Math.Sin(2 * Math.PI * 440 * i / 16000.0));
        }

        return samples;
    }

    private HeadsetCallTracker NewTracker(TimeSpan? silenceGap = null) =>
        new("14", "agent-7", _sink, _time, silenceGap ?? TimeSpan.FromSeconds(5), -45);

    /// <summary>Blocks the test until the tracker (changed by the HID thread) reaches a state.</summary>
    private sealed class StateWaiter
    {
        private readonly HeadsetCallTracker _tracker;
        private readonly SemaphoreSlim _changed = new(0);

        public StateWaiter(HeadsetCallTracker tracker)
        {
            _tracker = tracker;
            tracker.StateChanged += _ => _changed.Release();
        }

        public void Until(Func<HeadsetCallTracker, bool> condition)
        {
            while (!condition(_tracker))
            {
                Assert.True(_changed.Wait(TimeSpan.FromSeconds(30)), "the tracker never reached the expected state");
            }
        }
    }
}
