using System.Diagnostics;
using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Capture;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace EdgeCc.Agent.Tests.Capture;

/// <summary>
/// CPU per 48 kHz stereo headset stream, as a share of one core:
/// EDGECC_BENCH=1 dotnet test tests/EdgeAgent.Tests --filter "FullyQualifiedName~HeadsetCaptureBenchmarks"
///   --logger "console;verbosity=detailed"
/// The PCM is a file-backed one over a null slave, so the stream runs as fast as the CPU allows
/// and CPU seconds per audio second is the real-time cost. The peer, measured in the same run,
/// is bare snd_pcm_readi of the same stream.
/// </summary>
public sealed class HeadsetCaptureBenchmarks(ITestOutputHelper output) : IDisposable
{
    private const double AudioSeconds = 300;

    private readonly AlsaTestDevices _devices = new();

    public void Dispose() => _devices.Dispose();

    [BenchmarkFact]
    public void Cpu_share_of_one_core_per_48k_stereo_headset()
    {
        _devices.AddPcm("bench", _devices.MakeStereo48k("bench", AlsaTestDevices.Speech("cmu_arctic_us_aew_a0001.wav"), AlsaTestDevices.Speech("cmu_arctic_us_axb_a0004.wav")));
        using var config = AlsaConfigHandle.Load(_devices.ConfigPath);
        var request = AlsaStreamRequest.Default with { MinChannels = 2 };
        var frames = (long)(AudioSeconds * 48_000);

        var readOnly = Best(() =>
        {
            using var pcm = AlsaPcm.OpenCapture("bench", request, config);
            var buffer = new short[pcm.PeriodFrames * pcm.Channels];
            for (long read = 0; read < frames;)
            {
                read += Math.Max(0, pcm.Read(buffer));
            }
        });

        var capture = Best(() =>
        {
            using var pcm = AlsaPcm.OpenCapture("bench", request, config);
            Run(new AlsaCapture(pcm, customerChannel: 2), frames, (_, _) => { });
        });

        var withCalls = Best(() =>
        {
            using var pcm = AlsaPcm.OpenCapture("bench", request, config);
            var tracker = new HeadsetCallTracker("b", null, new NullSink(), new FakeTimeProvider(), TimeSpan.FromSeconds(8), -45);
            tracker.UseBoundary(HeadsetCallBoundary.HookSwitch, default);
            tracker.OnHook(true, default);
            Run(new AlsaCapture(pcm, customerChannel: 2), frames, (a, c) => tracker.OnAudio(a, c, default));
        });

        Report("snd_pcm_readi only (peer)", readOnly, 1);
        Report("capture + resample 48k->16k, 2 legs", capture, capture / readOnly);
        Report("capture + resample + AudioFrames to a sink", withCalls, withCalls / readOnly);
    }

    private static void Run(AlsaCapture capture, long frames, AlsaAudioHandler handler)
    {
        using var stop = new CancellationTokenSource();
        capture.Run(
            (a, c) =>
            {
                handler(a, c);
                if (capture.FramesRead >= frames)
                {
                    stop.Cancel();
                }
            },
            stop.Token);
    }

    private static double Best(Action run)
    {
        run();
        var best = double.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            run();
            best = Math.Min(best, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / AudioSeconds);
        }

        return best;
    }

    private void Report(string what, double cpuPerAudioSecond, double ratio)
    {
        var line = $"{what}: {cpuPerAudioSecond * 100:F3} % of one core per 48 kHz stereo stream ({ratio:F2}x the peer, best of 3 x {AudioSeconds:F0} s)";
        output.WriteLine(line);
    }

    private sealed class NullSink : ICallInputSink
    {
        public ValueTask WriteAsync(CallInput input, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
