using System.Globalization;
using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Audio;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// Analysis cost per leg: the demo samples' legs, brought to 8 kHz as a phone leg arrives, then
/// resampled and spotted exactly as <see cref="LegAnalysis"/> does, on one thread, timed with that
/// thread's CPU clock. A call has two legs, so its cost is twice the legs' real-time factor.
/// </summary>
internal sealed class AnalysisBench(SpotterPool pool) : ICapacityBench
{
    private const int PhoneRate = 8_000;

    // 20 ms, the usual RTP packetisation, so per-frame overheads are counted as in service.
    private const int FrameSamples = PhoneRate / 50;

    public string Name => "analysis";

    public CapacityFigure Measure(CommandLine command, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(log);
        var directory = command.Get("samples") ?? Path.Combine(AppContext.BaseDirectory, "samples");
        var files = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.wav").Order(StringComparer.Ordinal).ToArray() : [];
        if (files.Length == 0)
        {
            throw new FileNotFoundException($"no .wav samples in {directory} (--samples DIR)", directory);
        }

        var repeat = (int)command.GetDouble("repeat", 2);
        if (repeat < 1)
        {
            throw new CommandLineException("--repeat must be at least 1");
        }

        var legs = files.SelectMany(file => PhoneLegs(WavReader.Read(file))).ToList();

        // The first leg loads the model and JITs the path; it is not what a running box pays per call.
        SpotLeg(legs[0]);

        var cpu = TimeSpan.Zero;
        var audio = TimeSpan.Zero;
        var detections = 0;
        for (var round = 0; round < repeat; round++)
        {
            foreach (var leg in legs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var before = ThreadCpuClock.Now();
                detections += SpotLeg(leg);
                cpu += ThreadCpuClock.Now() - before;
                audio += TimeSpan.FromSeconds((double)leg.Length / PhoneRate);
            }
        }

        var rtf = cpu.TotalSeconds / audio.TotalSeconds;
        var details = string.Create(
            CultureInfo.InvariantCulture,
            $"analysis: {legs.Count} legs x {repeat} rounds, {audio.TotalSeconds:0.0} s of 8 kHz audio, {cpu.TotalSeconds:0.000} s thread CPU, real-time factor {rtf:0.0000} per leg ({1 / rtf:0.0} legs per core), {detections} phrases spotted");
        log.WriteLine(details);
        return new CapacityFigure(Name, 2 * rtf, details);
    }

    private static IEnumerable<short[]> PhoneLegs(WavAudio wav)
    {
        foreach (var channel in wav.Channels)
        {
            if (wav.SampleRate == PhoneRate)
            {
                yield return channel;
                continue;
            }

            var down = new PolyphaseResampler(wav.SampleRate, PhoneRate);
            var output = new short[down.MaxOutput(channel.Length)];
            var written = down.Process(channel, output);
            yield return output[..written];
        }
    }

    private int SpotLeg(short[] leg)
    {
        var up = new PolyphaseResampler(PhoneRate, LegAnalysis.SampleRate);
        var buffer = new short[up.MaxOutput(FrameSamples)];
        var found = new List<SpottedPhrase>();
        var spotter = pool.Rent(PhoneRate);
        try
        {
            for (var offset = 0; offset < leg.Length; offset += FrameSamples)
            {
                var frame = leg.AsSpan(offset, Math.Min(FrameSamples, leg.Length - offset));
                var written = up.Process(frame, buffer);
                spotter.Process(buffer.AsSpan(0, written), found);
            }

            spotter.Finish(found);
        }
        finally
        {
            pool.Return(spotter);
        }

        return found.Count;
    }
}
