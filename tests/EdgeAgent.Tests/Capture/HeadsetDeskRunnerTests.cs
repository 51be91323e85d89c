using System.IO.Pipes;
using EdgeCc.Agent.Audio;
using EdgeCc.Agent.Capture;
using EdgeCc.Agent.Telephony;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCc.Agent.Tests.Capture;

public sealed class HeadsetDeskRunnerTests : IDisposable
{
    private const string Speech = "cmu_arctic_us_aew_a0001.wav";

    private readonly AlsaTestDevices _devices = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly HeadsetRecordingSink _sink = new();

    public void Dispose() => _devices.Dispose();

    [Fact]
    public async Task Unplugged_headset_ends_its_call_backs_off_while_gone_and_resumes_when_back()
    {
        var raw = _devices.MakeMono16k("desk14", AlsaTestDevices.Speech(Speech));
        _devices.AddPcm("desk14", raw);
        using var config = AlsaConfigHandle.Load(_devices.ConfigPath);
        var opens = 0;
        var options = Options(new HeadsetDeskOptions { Desk = "14", AgentId = "anna", PcmName = "desk14", SampleRate = 16_000, SilenceGapSeconds = 2 });

        // The first session is unplugged at its 75th read, 1.48 s into the recording, mid-sentence.
        var runner = new HeadsetDeskRunner(options.Desks[0], options, _sink, _time, NullLogger.Instance, (name, request) =>
        {
            var pcm = AlsaPcm.OpenCapture(name, request, config);
            return ++opens == 1 ? new AlsaFaultPcm(pcm, failAtRead: 75, error: -19) : pcm;
        });
        var health = new HealthWaiter(runner);
        using var stop = new CancellationTokenSource();
        var run = runner.RunAsync(stop.Token);

        await _sink.WaitForEvent<CallEnded>();
        var ended = Assert.Single(_sink.Events.OfType<CallEnded>());
        Assert.Equal("unplugged", ended.Reason);
        
        // 74 periods of 20 ms were read before the 75th failed; the call began at the first voiced one.
        Assert.Equal(TimeSpan.FromMilliseconds(20 * (74 - FirstVoicedBlock())), ended.Offset);

        // Gone for a while: the file vanishes, so the real snd_pcm_open fails until it is back.
        File.Move(raw, raw + ".away");
        var first = await health.Until(h => h.State == HeadsetDeskState.BackingOff && h.ConsecutiveFailures == 1);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(1), first.NextAttemptAt);
        _time.Advance(TimeSpan.FromSeconds(1));
        var second = await health.Until(h => h.State == HeadsetDeskState.BackingOff && h.ConsecutiveFailures == 2);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(2), second.NextAttemptAt);
        Assert.Contains("snd_pcm_open on 'desk14' failed", second.LastError, StringComparison.Ordinal);
        _time.Advance(TimeSpan.FromSeconds(2));
        var third = await health.Until(h => h.ConsecutiveFailures == 3);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(4), third.NextAttemptAt);

        File.Move(raw + ".away", raw);
        _time.Advance(TimeSpan.FromSeconds(4));
        await _sink.WaitForEvent<CallStarted>(2);
        var capturing = await health.Until(h => h.State == HeadsetDeskState.Capturing);
        Assert.Equal(16_000, capturing.Rate);

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HeadsetDeskState.Stopped, runner.Health.State);
        Assert.Equal(2, opens); // successful opens; the three failed ones threw inside alsa-lib
        var calls = _sink.Events.OfType<CallStarted>().Select(c => c.CallId).ToList();
        Assert.Equal(2, calls.Distinct().Count());
        Assert.All(_sink.Events.OfType<CallStarted>(), c => Assert.Equal("anna", c.AgentId));
    }

    [Fact]
    public async Task Overruns_show_in_the_desk_health_and_capture_goes_on()
    {
        _devices.AddPcm("desk9", _devices.MakeMono16k("desk9", AlsaTestDevices.Speech(Speech)));
        using var config = AlsaConfigHandle.Load(_devices.ConfigPath);
        var options = Options(new HeadsetDeskOptions { Desk = "9", PcmName = "desk9", SampleRate = 16_000 });
        var runner = new HeadsetDeskRunner(options.Desks[0], options, _sink, _time, NullLogger.Instance, (name, request) =>
            new AlsaFaultPcm(AlsaPcm.OpenCapture(name, request, config), failAtRead: 40, error: -32));
        using var stop = new CancellationTokenSource();
        var run = runner.RunAsync(stop.Token);

        await _sink.WaitForEvent<CallEnded>();
        var health = runner.Health;
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HeadsetDeskState.Capturing, health.State);
        Assert.Equal(1, health.Overruns);
        Assert.Equal("silence", _sink.Events.OfType<CallEnded>().First().Reason);
        Assert.Equal(1, runner.Health.Overruns);
    }

    [Fact]
    public async Task A_failing_desk_does_not_stop_the_other_desks()
    {
        _devices.AddPcm("desk1", _devices.MakeMono16k("desk1", AlsaTestDevices.Speech(Speech)));
        using var config = AlsaConfigHandle.Load(_devices.ConfigPath);
        var options = Options(
            new HeadsetDeskOptions { Desk = "1", PcmName = "desk1", SampleRate = 16_000 },
            new HeadsetDeskOptions { Desk = "2", PcmName = "missing" });
        using var service = new HeadsetCaptureService(
            Microsoft.Extensions.Options.Options.Create(options),
            _sink,
            _time,
            NullLogger<HeadsetCaptureService>.Instance,
            (name, request) => AlsaPcm.OpenCapture(name, request, config),
            openHid: null);
        var broken = new HealthWaiter(service.Desks[1]);

        await service.StartAsync(CancellationToken.None);
        await _sink.WaitForEvent<CallStarted>();
        await broken.Until(h => h.State == HeadsetDeskState.BackingOff);
        var snapshot = service.Snapshot();
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(HeadsetDeskState.Capturing, snapshot[0].State);
        Assert.Equal(HeadsetDeskState.BackingOff, snapshot[1].State);
        Assert.Contains("'missing'", snapshot[1].LastError, StringComparison.Ordinal);
        Assert.All(_sink.Events.OfType<CallStarted>(), c => Assert.StartsWith("headset-1-", c.CallId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Headset_on_a_usb_port_takes_calls_from_its_hook_switch_and_sends_nothing_from_the_mic_while_muted()
    {
        using var sysfs = new UsbAudioSysfs();
        sysfs.AddUsbHeadset(2, "1-1.3", "II", "047f", "c056", "Plantronics Blackwire 3220 Series", HidReportDescriptorParserTests.Blackwire3220Telephony, hidraw: 5);
        _devices.AddPcm("desk14", _devices.MakeStereo48k("desk14", AlsaTestDevices.Speech(Speech), AlsaTestDevices.Speech("cmu_arctic_us_axb_a0004.wav")));
        using var config = AlsaConfigHandle.Load(_devices.ConfigPath);
        var options = Options(new HeadsetDeskOptions { Desk = "14", UsbPort = "1-1.3", PcmName = "desk14", CustomerChannel = 2 });
        options.SysfsRoot = sysfs.Root;
        using var hidraw = new AnonymousPipeServerStream(PipeDirection.Out);
        var opened = new List<string>();
        var runner = new HeadsetDeskRunner(
            options.Desks[0],
            options,
            _sink,
            _time,
            NullLogger.Instance,
            (name, request) => AlsaPcm.OpenCapture(name, request, config),
            path =>
            {
                opened.Add(path);
                return new AnonymousPipeClientStream(PipeDirection.In, hidraw.ClientSafePipeHandle);
            });
        // Raised under the tracker's lock, so the sink's length marks exactly where mute began and ended.
        var marks = new List<(int Inputs, bool Muted)>();
        runner.Tracker.StateChanged += t =>
        {
            // Read outside the marks lock: the sink evaluates waits under its own lock and they take this one.
            var count = _sink.Inputs.Count;
            lock (marks)
            {
                marks.Add((count, t.Muted));
            }
        };
        var health = new HealthWaiter(runner);
        using var stop = new CancellationTokenSource();
        var run = runner.RunAsync(stop.Token);
        var capturing = await health.Until(h => h.State == HeadsetDeskState.Capturing);
        Assert.True(capturing.HookSwitch);
        Assert.Equal((48_000, 2), (capturing.Rate, capturing.Channels));
        Assert.Equal(["/dev/hidraw5"], opened);

        Send(hidraw, 0x08, 0b010);
        await _sink.WaitFor(i => i.Count(x => x.Frame?.Leg == Leg.Agent) >= 10);
        Send(hidraw, 0x08, 0b011, 0x08, 0b010);

        // Counted from where the hook-switch thread applied the mute, not from when the report was
        // sent: on a loaded box frames arrive before the mute does. One more than the assertion, as
        // the agent frame of the period the mute landed in may already be out.
        await _sink.WaitFor(i => MutedFrom(marks) is { } from && i.Skip(from).Count(x => x.Frame?.Leg == Leg.Customer) >= 11);
        var mutedAt = _sink.Inputs.Count;
        Send(hidraw, 0x08, 0b011, 0x08, 0b010);
        await _sink.WaitFor(i => i.Skip(mutedAt).Count(x => x.Frame?.Leg == Leg.Agent) >= 10);
        Send(hidraw, 0x08, 0b000);
        await _sink.WaitForEvent<CallEnded>();

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
        var inputs = _sink.Inputs;
        Assert.IsType<CallStarted>(inputs[0].Event);
        Assert.Equal("hangup", Assert.IsType<CallEnded>(inputs[^1].Event).Reason);

        var muteMark = marks.FindIndex(m => m.Muted);
        var mute = marks[muteMark].Inputs;
        var unmute = marks[marks.FindIndex(muteMark, m => !m.Muted)].Inputs;
        var whileMuted = inputs.Skip(mute).Take(unmute - mute).ToList();
        Assert.DoesNotContain(whileMuted, i => i.Frame?.Leg == Leg.Agent);
        Assert.Contains(whileMuted, i => i.Frame?.Leg == Leg.Customer);
        Assert.True(runner.Tracker.FramesSuppressed >= 10);
        hidraw.Dispose();
    }

    private static void Send(Stream hidraw, params byte[] reports)
    {
        hidraw.Write(reports);
        hidraw.Flush();
    }

    private static int? MutedFrom(List<(int Inputs, bool Muted)> marks)
    {
        lock (marks)
        {
            var i = marks.FindIndex(m => m.Muted);
            return i < 0 ? null : marks[i].Inputs;
        }
    }

    private static int FirstVoicedBlock()
    {
        var samples = AlsaTestDevices.ReadSamples(AlsaTestDevices.Speech(Speech));
        for (var block = 0; ; block++)
        {
            if (HeadsetEnergyVad.IsVoiced(samples.AsSpan(block * 320, 320), -45))
            {
                return block;
            }
        }
    }

    private static HeadsetOptions Options(params HeadsetDeskOptions[] desks) => new() { Desks = [.. desks] };

    /// <summary>Awaits a health state published by the runner; the timeout only turns a hang into a failure.</summary>
    private sealed class HealthWaiter
    {
        private readonly HeadsetDeskRunner _runner;
        private readonly Lock _gate = new();
        private readonly List<(Func<HeadsetDeskHealth, bool> Condition, TaskCompletionSource<HeadsetDeskHealth> Done)> _waiters = [];

        public HealthWaiter(HeadsetDeskRunner runner)
        {
            _runner = runner;
            runner.HealthChanged += health =>
            {
                lock (_gate)
                {
                    for (var i = _waiters.Count - 1; i >= 0; i--)
                    {
                        if (_waiters[i].Condition(health))
                        {
                            _waiters[i].Done.TrySetResult(health);
                            _waiters.RemoveAt(i);
                        }
                    }
                }
            };
        }

        public Task<HeadsetDeskHealth> Until(Func<HeadsetDeskHealth, bool> condition)
        {
            lock (_gate)
            {
                var now = _runner.Health;
                if (condition(now))
                {
                    return Task.FromResult(now);
                }

                var done = new TaskCompletionSource<HeadsetDeskHealth>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((condition, done));
                return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
    }
}
