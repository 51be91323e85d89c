using EdgeCc.Agent.Analysis;
using Microsoft.Extensions.Logging;

namespace EdgeCc.Agent.Capture;

/// <summary>
/// Keeps one desk's headset heard: finds it (by USB port or PCM name), opens it, runs the capture
/// and the hook switch on their own threads, ends the call cleanly when the headset goes away,
/// and tries again, polling an empty port cheaply and backing off exponentially on a device
/// that is there but keeps failing. Nothing here throws out of <see cref="RunAsync"/>, so one
/// desk never takes the others down.
/// </summary>
internal sealed class HeadsetDeskRunner
{
    private readonly HeadsetDeskOptions _desk;
    private readonly HeadsetOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<string, AlsaStreamRequest, AlsaPcmStream> _openPcm;
    private readonly Func<string, Stream> _openHid;
    private readonly HeadsetCallTracker _tracker;
    private readonly Lock _gate = new();
    private HeadsetDeskHealth _health;
    private AlsaCapture? _capture;
    private long _overrunsBefore;
    private long _framesBefore;
    private long _overrunsLogged;

    public HeadsetDeskRunner(
        HeadsetDeskOptions desk,
        HeadsetOptions options,
        ICallInputSink sink,
        TimeProvider time,
        ILogger logger,
        Func<string, AlsaStreamRequest, AlsaPcmStream> openPcm,
        Func<string, Stream>? openHid = null)
    {
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(openPcm);
        _desk = desk;
        _options = options;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger;
        _openPcm = openPcm;
        _openHid = openHid ?? OpenHidraw;
        _tracker = new HeadsetCallTracker(desk.Desk, desk.AgentId, sink, time, TimeSpan.FromSeconds(desk.SilenceGapSeconds), desk.VoiceThresholdDbfs);
        _tracker.StateChanged += _ => Publish(h => h with { CallId = _tracker.CallId });
        _health = new HeadsetDeskHealth(desk.Desk, HeadsetDeskState.Starting, null, 0, 0, false, 0, 0, 0, null, null, null);
    }

    /// <summary>Raised after every state change, on the thread that made it.</summary>
    public event Action<HeadsetDeskHealth>? HealthChanged;

    public HeadsetCallTracker Tracker => _tracker;

    public HeadsetDeskHealth Health
    {
        get
        {
            lock (_gate)
            {
                var capture = _capture;
                return _health with
                {
                    Overruns = _overrunsBefore + (capture?.Overruns ?? 0),
                    FramesRead = _framesBefore + (capture?.FramesRead ?? 0),
                };
            }
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        var absentLogged = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan delay;
            Func<HeadsetDeskHealth, HeadsetDeskHealth> waiting;
            try
            {
                var target = Resolve();
                if (target is null)
                {
                    if (!absentLogged)
                    {
                        HeadsetLog.Absent(_logger, _desk.Desk, _desk.UsbPort!);
                        absentLogged = true;
                    }

                    delay = TimeSpan.FromSeconds(_options.PresencePollSeconds);
                    waiting = h => h with { State = HeadsetDeskState.Absent };
                }
                else
                {
                    absentLogged = false;
                    var delivered = await RunSessionAsync(target, cancellationToken).ConfigureAwait(false);
                    if (cancellationToken.IsCancellationRequested)
                    {
                        break;
                    }

                    // A session that delivered audio was a working headset that went away: start
                    // the backoff from the bottom, so a replug is picked up at once.
                    failures = delivered ? 1 : failures + 1;
                    delay = Backoff(failures);
                    var failed = failures;
                    waiting = h => h with { State = HeadsetDeskState.BackingOff, ConsecutiveFailures = failed };
                    HeadsetLog.OpenFailed(_logger, _desk.Desk, Health.LastError ?? "capture ended", delay);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failures++;
                delay = Backoff(failures);
                HeadsetLog.Failed(_logger, _desk.Desk, ex);
                var failed = failures;
                waiting = h => h with { State = HeadsetDeskState.BackingOff, ConsecutiveFailures = failed, LastError = ex.Message };
            }

            // The timer exists before the state says we wait, so whoever reads NextAttemptAt can rely on it.
            var wait = Task.Delay(delay, _time, cancellationToken);
            var next = _time.GetUtcNow() + delay;
            Publish(h => waiting(h) with { NextAttemptAt = next });
            try
            {
                await wait.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        _tracker.EndCall("shutdown", CancellationToken.None);
        Publish(h => h with { State = HeadsetDeskState.Stopped, NextAttemptAt = null });
    }

    /// <summary>Opens and runs one capture session; returns whether it delivered any audio.</summary>
    private async Task<bool> RunSessionAsync(HeadsetTarget target, CancellationToken cancellationToken)
    {
        AlsaPcmStream pcm;
        try
        {
            pcm = _openPcm(target.PcmName, Request());
        }
        catch (AlsaException ex)
        {
            Publish(h => h with { LastError = ex.Message, Device = target.PcmName });
            return false;
        }
        catch (ArgumentException ex)
        {
            Publish(h => h with { LastError = ex.Message, Device = target.PcmName });
            return false;
        }

        using (pcm)
        using (var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var capture = new AlsaCapture(pcm, _desk.CustomerChannel);
            var hookSwitch = StartHookSwitch(target, session.Token);
            lock (_gate)
            {
                _capture = capture;
                _health = _health with
                {
                    State = HeadsetDeskState.Capturing,
                    Device = pcm.Name,
                    Rate = pcm.Rate,
                    Channels = pcm.Channels,
                    HookSwitch = hookSwitch,
                    NextAttemptAt = null,
                };
            }

            HeadsetLog.Capturing(_logger, _desk.Desk, pcm.Name, pcm.Rate, pcm.Channels, _tracker.Boundary);
            HealthChanged?.Invoke(Health);
            AlsaCaptureEnd end;
            try
            {
                end = await RunOnThreadAsync(capture, session.Token).ConfigureAwait(false);
            }
            finally
            {
                // The hook switch thread stops by itself: an unplugged hidraw node fails its read,
                // and reports after this point are ignored. Closing the stream under a blocked
                // read would block us instead.
                await session.CancelAsync().ConfigureAwait(false);
                lock (_gate)
                {
                    _overrunsBefore += capture.Overruns;
                    _framesBefore += capture.FramesRead;
                    _capture = null;
                }
            }

            if (end.Cancelled)
            {
                return capture.FramesRead > 0;
            }

            HeadsetLog.Lost(_logger, _desk.Desk, end.Message);
            _tracker.EndCall("unplugged", CancellationToken.None);
            Publish(h => h with { LastError = end.Message });
            return capture.FramesRead > 0;
        }
    }

    private Task<AlsaCaptureEnd> RunOnThreadAsync(AlsaCapture capture, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<AlsaCaptureEnd>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                done.SetResult(capture.Run(
                    (agent, customer) =>
                    {
                        _tracker.OnAudio(agent, customer, cancellationToken);
                        ReportOverruns(capture);
                    },
                    cancellationToken));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                done.SetResult(AlsaCaptureEnd.Stopped);
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = "headset-" + _desk.Desk,
            Priority = ThreadPriority.AboveNormal,
        };
        thread.Start();
        return done.Task;
    }

    private void ReportOverruns(AlsaCapture capture)
    {
        var total = _overrunsBefore + capture.Overruns;
        if (total != _overrunsLogged)
        {
            // First overrun, then every hundredth: enough to see a trend without flooding the journal.
            if (_overrunsLogged == 0 || total / 100 != _overrunsLogged / 100)
            {
                HeadsetLog.Overruns(_logger, _desk.Desk, total);
            }

            _overrunsLogged = total;
        }
    }

    /// <summary>Starts the hook switch reader when the headset has one; false means calls follow voice activity.</summary>
    private bool StartHookSwitch(HeadsetTarget target, CancellationToken sessionToken)
    {
        HidTelephonyLayout? layout = null;
        var reason = "no hidraw node";
        if (!_desk.IgnoreHookSwitch && target.HidrawPath is not null && target.DescriptorPath is not null)
        {
            layout = HeadsetHid.TryLoad(target.DescriptorPath, out reason);
        }
        else if (_desk.IgnoreHookSwitch)
        {
            reason = "IgnoreHookSwitch is set";
        }

        Stream? stream = null;
        if (layout is not null)
        {
            try
            {
                stream = _openHid(target.HidrawPath!);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                reason = ex.Message;
                layout = null;
            }
        }

        if (layout?.HookSwitch is null)
        {
            _tracker.UseBoundary(HeadsetCallBoundary.Voice, sessionToken);
            if (layout is null)
            {
                HeadsetLog.NoHookSwitch(_logger, _desk.Desk, reason);
                stream?.Dispose();
                return false;
            }
        }
        else
        {
            _tracker.UseBoundary(HeadsetCallBoundary.HookSwitch, sessionToken);
        }

        var monitor = new HidTelephonyMonitor(layout);
        var reports = stream!;
        var thread = new Thread(() =>
        {
            using (reports)
            {
                monitor.Run(reports, OnHook, OnMute, sessionToken);
            }
        })
        {
            IsBackground = true,
            Name = "headset-hid-" + _desk.Desk,
        };
        thread.Start();
        return layout.HookSwitch is not null;

        void OnHook(bool offHook)
        {
            if (!sessionToken.IsCancellationRequested)
            {
                _tracker.OnHook(offHook, sessionToken);
            }
        }

        void OnMute(bool muted)
        {
            if (!sessionToken.IsCancellationRequested)
            {
                _tracker.OnMute(muted);
            }
        }
    }

    private HeadsetTarget? Resolve()
    {
        if (string.IsNullOrWhiteSpace(_desk.UsbPort))
        {
            var descriptor = _desk.HidReportDescriptorPath
                ?? (_desk.HidrawPath is null ? null : HeadsetHid.DescriptorPathFor(_options.SysfsRoot, _desk.HidrawPath));
            return new HeadsetTarget(_desk.PcmName!, _desk.HidrawPath, descriptor);
        }

        var device = UsbAudioDiscovery.FindByPort(_options.SysfsRoot, _desk.UsbPort);
        if (device is null)
        {
            return null;
        }

        var pcm = string.IsNullOrWhiteSpace(_desk.PcmName) ? device.CapturePcmName! : _desk.PcmName;
        if (_desk.HidrawPath is not null)
        {
            return new HeadsetTarget(pcm, _desk.HidrawPath, _desk.HidReportDescriptorPath ?? HeadsetHid.DescriptorPathFor(_options.SysfsRoot, _desk.HidrawPath));
        }

        foreach (var node in device.HidNodes)
        {
            if (HeadsetHid.TryLoadLayout(node.ReportDescriptorPath) is not null)
            {
                return new HeadsetTarget(pcm, node.DevicePath, node.ReportDescriptorPath);
            }
        }

        return new HeadsetTarget(pcm, null, null);
    }

    private AlsaStreamRequest Request() => new(
        _desk.SampleRate > 0 ? [_desk.SampleRate] : AlsaStreamRequest.PreferredRates,
        _desk.Channels,
        _desk.CustomerChannel ?? 1,
        AlsaStreamRequest.Default.Period);

    private TimeSpan Backoff(int failures)
    {
        var seconds = _options.RetryInitialSeconds * Math.Pow(2, Math.Min(failures - 1, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, _options.RetryMaxSeconds));
    }

    private void Publish(Func<HeadsetDeskHealth, HeadsetDeskHealth> change)
    {
        lock (_gate)
        {
            _health = change(_health);
        }

        HealthChanged?.Invoke(Health);
    }

    // hidraw returns one whole report per read, so no buffering between us and the device.
    private static FileStream OpenHidraw(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);

    private sealed record HeadsetTarget(string PcmName, string? HidrawPath, string? DescriptorPath);
}
