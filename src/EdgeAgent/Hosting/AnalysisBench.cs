using System.Globalization;
using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Audio;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// <c>bench analysis [--repeat N] [--calls N] [--samples DIR]</c>: what one core analyses. The demo
/// samples' calls, brought to 8 kHz as a phone leg arrives, go through <see cref="CallAnalysis"/>
/// exactly as <see cref="AnalysisService"/> drives it (20 ms frames, the two legs interleaved,
/// live signals once per second, the summary at the end): resampling, voice activity gating the
/// spotter, spotting, prosody, talk metrics and sentiment, timed with the thread's CPU clock.
/// Then the stages alone (to split the cost), the memory of <c>--calls</c> calls open at once,
/// and Debian's <c>pocketsphinx_continuous -kws</c> on the same legs for comparison.
/// </summary>
internal sealed class AnalysisBench(SpotterPool pool, IOptions<AnalysisOptions> options, ILoggerFactory loggers) : ICapacityBench
{
    private const int PhoneRate = 8_000;
    private const int WideRate = LegAnalysis.SampleRate;

    // 20 ms, the usual RTP packetisation, so per-frame overheads are counted as in service.
    private const int FrameSamples = PhoneRate / 50;

    private const double Mebibyte = 1024 * 1024;

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
        var concurrent = (int)command.GetDouble("calls", 20);
        if (repeat < 1 || concurrent < 1)
        {
            throw new CommandLineException("--repeat and --calls must be at least 1");
        }

        var settings = options.Value;
        var calls = files.Select(PhoneCall).ToList();
        var c = CultureInfo.InvariantCulture;

        // The first call loads the model and JITs the path; it is not what a running box pays per call.
        Analyse(calls[0], pool, settings);

        var whole = new Totals();
        var rounds = new double[repeat];
        for (var round = 0; round < repeat; round++)
        {
            var roundCpu = TimeSpan.Zero;
            var roundAudio = TimeSpan.Zero;
            foreach (var call in calls)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var before = ThreadCpuClock.Now();
                var result = Analyse(call, pool, settings);
                var cpu = ThreadCpuClock.Now() - before;
                whole.Cpu += cpu;
                whole.Add(result);
                roundCpu += cpu;
                roundAudio += result.Audio;
            }

            rounds[round] = roundCpu.TotalSeconds / roundAudio.TotalSeconds;
        }

        var legAudio = whole.Audio.TotalSeconds;
        var rtf = whole.Cpu.TotalSeconds / legAudio;
        var stages = MeasureStages(calls, settings, cancellationToken);
        var stageAudio = calls.Sum(call => 2 * call.Seconds);
        var resample = stages.Resample.TotalSeconds / stageAudio;
        var vad = stages.VoiceActivity.TotalSeconds / stageAudio;
        var prosody = stages.Prosody.TotalSeconds / stageAudio;
        var signals = stages.Signals.TotalSeconds / stageAudio;
        var talkAndSentiment = Math.Max(0, signals - vad - prosody);
        var spotter = Math.Max(0, rtf - resample - signals);
        log.WriteLine(string.Create(c, $"  stages, CPU s per audio s of a leg: spotter {spotter:0.0000} (with pre-roll, gap filling, detections), resample 8->16 kHz {resample:0.0000}, voice activity {vad:0.0000}, prosody {prosody:0.0000}, talk + sentiment {talkAndSentiment:0.0000}"));

        // Other processes' turns on a shared box slow a round (caches, memory bandwidth) but never speed it up:
        // the best round is the closest to what the analysis itself costs; the capacity line uses all rounds.
        var best = rounds.Min();
        log.WriteLine(string.Create(c, $"  rounds, real-time factor per leg: {string.Join(' ', rounds.Select(r => r.ToString("0.0000", c)))} (best {best:0.0000}: {1 / best:0.0} legs per core)"));

        var memory = MeasureMemory(calls, concurrent, settings, cancellationToken);
        log.WriteLine(string.Create(c, $"  memory: {concurrent} calls open at once ({2 * concurrent} legs, {memory.Decoders} decoders): RSS {memory.RssBefore.Resident / Mebibyte:0.0} -> {memory.RssPeak.Resident / Mebibyte:0.0} MB, managed heap {memory.HeapBefore / Mebibyte:0.0} -> {memory.HeapPeak / Mebibyte:0.0} MB: {memory.PerLeg / Mebibyte:0.00} MB per active leg (anonymous {memory.AnonymousPerLeg / Mebibyte:0.00}, mapped files {memory.FilePerLeg / Mebibyte:0.00}, managed heap {memory.HeapPerLeg / Mebibyte:0.00}); PSS {memory.PssBefore / Mebibyte:0.0} -> {memory.PssPeak / Mebibyte:0.0} MB: {memory.ProportionalPerLeg / Mebibyte:0.00} MB per active leg (a model file mapped by every decoder counted once)"));

        log.WriteLine(CompareWithCli(calls, settings, rtf, cancellationToken));

        var details = string.Create(
            c,
            $"analysis: {calls.Count * 2} legs x {repeat} rounds, {legAudio:0.0} s of 8 kHz audio, speech {whole.Speech.TotalSeconds / legAudio:0.0%} (voice activity), spotter decoded {whole.Spotted.TotalSeconds / legAudio:0.0%}, {whole.Cpu.TotalSeconds:0.000} s thread CPU, real-time factor {rtf:0.0000} per leg ({1 / rtf:0.0} legs per core, {0.5 / rtf:0.0} calls per core), {memory.PerLeg / Mebibyte:0.0} MB RSS ({memory.ProportionalPerLeg / Mebibyte:0.0} MB PSS) per active leg, {whole.Detections} phrases spotted");
        log.WriteLine(details);
        return new CapacityFigure(Name, 2 * rtf, details);
    }

    /// <summary>One call at 8 kHz, agent and customer legs, as a G.711 phone call arrives.</summary>
    private static BenchCall PhoneCall(string file)
    {
        var wav = WavReader.Read(file);
        if (wav.Channels.Length != 2)
        {
            throw new CommandLineException($"{file}: {wav.Channels.Length} channels; a sample call is stereo (agent, customer)");
        }

        return new BenchCall(Path.GetFileNameWithoutExtension(file), Narrowband(wav.Channels[0], wav.SampleRate), Narrowband(wav.Channels[1], wav.SampleRate));
    }

    private static short[] Narrowband(short[] channel, int rate)
    {
        if (rate == PhoneRate)
        {
            return channel;
        }

        var down = new PolyphaseResampler(rate, PhoneRate);
        var output = new short[down.MaxOutput(channel.Length)];
        var written = down.Process(channel, output);
        return output[..written];
    }

    /// <summary>The service's path for one call: frames in arrival order, live signals, the summary.</summary>
    private static CallResult Analyse(BenchCall call, SpotterPool spotters, AnalysisOptions settings)
    {
        var analysis = new CallAnalysis(call.Name, null, DateTimeOffset.UnixEpoch, spotters, settings);
        var found = new List<Detection>();
        var frames = call.Frames;
        for (var i = 0; i < frames; i++)
        {
            Feed(analysis, call, i, found);
            found.Clear();
            analysis.TakeSignals();
        }

        var duration = TimeSpan.FromSeconds(call.Seconds);
        var summary = analysis.End(DateTimeOffset.UnixEpoch + duration, duration, "bench", [], found);
        var (received, spotted) = analysis.Workload;
        return new CallResult(received, summary.Legs[0].SpeechDuration + summary.Legs[1].SpeechDuration, spotted, summary.Detections.Count);
    }

    private static void Feed(CallAnalysis analysis, BenchCall call, int frame, List<Detection> found)
    {
        var offset = frame * FrameSamples;
        var length = Math.Min(FrameSamples, call.Agent.Length - offset);
        var at = TimeSpan.FromSeconds((double)offset / PhoneRate);
        analysis.Process(new AudioFrame(call.Name, Leg.Agent, at, call.Agent.AsMemory(offset, length), PhoneRate), found);
        analysis.Process(new AudioFrame(call.Name, Leg.Customer, at, call.Customer.AsMemory(offset, length), PhoneRate), found);
    }

    /// <summary>
    /// The stages without the spotter, each timed alone over every call once: resampling (as
    /// <see cref="LegAnalysis"/> does it, frame by frame), then on the resampled frames the voice
    /// activity detector, the prosody tracker (given the detector's decisions) and the whole
    /// <see cref="SignalCallAnalyzer"/> (both of those plus talk metrics and sentiment).
    /// </summary>
    private static StageCosts MeasureStages(List<BenchCall> calls, AnalysisOptions settings, CancellationToken cancellationToken)
    {
        var costs = new StageCosts();
        foreach (var call in calls)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var before = ThreadCpuClock.Now();
            Resample(call.Agent, call.Frames);
            Resample(call.Customer, call.Frames);
            costs.Resample += ThreadCpuClock.Now() - before;

            var agent = Wideband(call.Agent, call.Frames);
            var customer = Wideband(call.Customer, call.Frames);

            var agentSpeech = new bool[call.Frames];
            var customerSpeech = new bool[call.Frames];
            before = ThreadCpuClock.Now();
            DetectVoice(agent, agentSpeech, settings.VoiceActivity);
            DetectVoice(customer, customerSpeech, settings.VoiceActivity);
            costs.VoiceActivity += ThreadCpuClock.Now() - before;

            before = ThreadCpuClock.Now();
            TrackProsody(agent, agentSpeech, settings.Prosody);
            TrackProsody(customer, customerSpeech, settings.Prosody);
            costs.Prosody += ThreadCpuClock.Now() - before;

            before = ThreadCpuClock.Now();
            var signals = new SignalCallAnalyzer(settings.VoiceActivity, settings.Prosody, settings.Talk, settings.Sentiment);
            for (var i = 0; i < call.Frames; i++)
            {
                var at = TimeSpan.FromSeconds(i * 0.02);
                signals.Process(new AudioFrame(call.Name, Leg.Agent, at, agent[i], WideRate));
                signals.Process(new AudioFrame(call.Name, Leg.Customer, at, customer[i], WideRate));
            }

            signals.Finish(TimeSpan.FromSeconds(call.Seconds));
            costs.Signals += ThreadCpuClock.Now() - before;
        }

        return costs;
    }

    private static void Resample(short[] leg, int frames)
    {
        var up = new PolyphaseResampler(PhoneRate, WideRate);
        var buffer = new short[up.MaxOutput(FrameSamples)];
        for (var i = 0; i < frames; i++)
        {
            var offset = i * FrameSamples;
            up.Process(leg.AsSpan(offset, Math.Min(FrameSamples, leg.Length - offset)), buffer);
        }
    }

    private static short[][] Wideband(short[] leg, int frames)
    {
        var up = new PolyphaseResampler(PhoneRate, WideRate);
        var buffer = new short[up.MaxOutput(FrameSamples)];
        var output = new short[frames][];
        for (var i = 0; i < frames; i++)
        {
            var offset = i * FrameSamples;
            var written = up.Process(leg.AsSpan(offset, Math.Min(FrameSamples, leg.Length - offset)), buffer);
            output[i] = buffer[..written];
        }

        return output;
    }

    private static void DetectVoice(short[][] frames, bool[] speech, VoiceActivityOptions settings)
    {
        var detector = new VoiceActivityDetector(settings);
        for (var i = 0; i < frames.Length; i++)
        {
            speech[i] = detector.Process(frames[i]);
        }
    }

    private static void TrackProsody(short[][] frames, bool[] speech, ProsodyOptions settings)
    {
        var tracker = new ProsodyTracker(settings);
        for (var i = 0; i < frames.Length; i++)
        {
            tracker.Process(frames[i], speech[i]);
        }
    }

    /// <summary>
    /// <paramref name="count"/> calls open at once, each leg with its own decoder from a pool of its own, fed
    /// frame by frame in turn as a worker gets them; resident memory is sampled every second of audio and the
    /// managed heap (after a full collection) when the shortest call is about to end, all legs still open.
    /// </summary>
    private MemoryFigures MeasureMemory(List<BenchCall> calls, int count, AnalysisOptions settings, CancellationToken cancellationToken)
    {
        using var spotters = SpotterPool.ForOptions(settings, loggers.CreateLogger<SpotterPool>());
        var open = new CallAnalysis[count];
        var sources = new BenchCall[count];
        var shortest = int.MaxValue;
        var longest = 0;
        for (var i = 0; i < count; i++)
        {
            sources[i] = calls[i % calls.Count];
            shortest = Math.Min(shortest, sources[i].Frames);
            longest = Math.Max(longest, sources[i].Frames);
        }

        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var rssBefore = ProcessMemory.Now();
        var pssBefore = ProcessMemory.ProportionalBytes();
        var pssPeak = pssBefore;
        var rssPeak = rssBefore;
        var heapPeak = heapBefore;
        var decoders = 0;
        var found = new List<Detection>();
        for (var i = 0; i < count; i++)
        {
            open[i] = new CallAnalysis(string.Create(CultureInfo.InvariantCulture, $"memory-{i}"), null, DateTimeOffset.UnixEpoch, spotters, settings);
        }

        for (var frame = 0; frame < longest; frame++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < count; i++)
            {
                if (frame < sources[i].Frames)
                {
                    Feed(open[i], sources[i], frame, found);
                    found.Clear();
                    open[i].TakeSignals();
                }
            }

            if (frame == shortest - 1)
            {
                heapPeak = GC.GetTotalMemory(forceFullCollection: true);
                pssPeak = ProcessMemory.ProportionalBytes();
                decoders = spotters.Created;
            }

            if (frame % 50 == 49 || frame == shortest - 1)
            {
                rssPeak = ProcessMemory.Max(rssPeak, ProcessMemory.Now());
            }

            for (var i = 0; i < count; i++)
            {
                if (frame == sources[i].Frames - 1)
                {
                    var duration = TimeSpan.FromSeconds(sources[i].Seconds);
                    open[i].End(DateTimeOffset.UnixEpoch + duration, duration, "bench", [], found);
                    found.Clear();
                }
            }
        }

        return new MemoryFigures(rssBefore, rssPeak, pssBefore, pssPeak, heapBefore, heapPeak, decoders, 2 * count);
    }

    /// <summary>The Debian CLI on the same legs (at 16 kHz, as our spotter hears them), model and phrase list.</summary>
    private static string CompareWithCli(List<BenchCall> calls, AnalysisOptions settings, double ourRtf, CancellationToken cancellationToken)
    {
        if (!PocketSphinxCli.IsInstalled())
        {
            return $"  {PocketSphinxCli.Program}: not installed, skipped (apt-get install -y pocketsphinx)";
        }

        using var model = KeywordModel.Create(settings);
        var legs = new List<short[]>();
        foreach (var call in calls)
        {
            legs.Add(Concat(Wideband(call.Agent, call.Frames)));
            legs.Add(Concat(Wideband(call.Customer, call.Frames)));
        }

        // All legs in one file, so the model is loaded once; what loading costs is measured apart, on silence.
        var audio = Concat([.. legs]);
        var seconds = (double)audio.Length / WideRate;
        var file = Path.Combine(model.Directory, "legs.wav");
        var empty = Path.Combine(model.Directory, "silence.wav");
        WavWriter.Write(file, WideRate, WavEncoding.Pcm16, audio);
        WavWriter.Write(empty, WideRate, WavEncoding.Pcm16, new short[WideRate / 10]);
        var (startup, _) = PocketSphinxCli.Run(empty, model.ModelDirectory, model.DictionaryPath, model.KeyphrasePath, true, cancellationToken);
        var (gated, gatedLines) = PocketSphinxCli.Run(file, model.ModelDirectory, model.DictionaryPath, model.KeyphrasePath, true, cancellationToken);
        var (ungated, _) = PocketSphinxCli.Run(file, model.ModelDirectory, model.DictionaryPath, model.KeyphrasePath, false, cancellationToken);
        var gatedRtf = Math.Max(0, (gated - startup).TotalSeconds) / seconds;
        var ungatedRtf = Math.Max(0, (ungated - startup).TotalSeconds) / seconds;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"  {PocketSphinxCli.Program} -kws, same {legs.Count} legs at 16 kHz ({seconds:0.0} s), child CPU: its own VAD {gated.TotalSeconds:0.000} s, every frame (-remove_silence no) {ungated.TotalSeconds:0.000} s, model load {startup.TotalSeconds:0.000} s; without the load real-time factor {gatedRtf:0.0000} / {ungatedRtf:0.0000} per leg ({(gatedRtf > 0 ? 1 / gatedRtf : 0):0.0} / {(ungatedRtf > 0 ? 1 / ungatedRtf : 0):0.0} legs per core; edgecc {ourRtf:0.0000}, {(gatedRtf > 0 ? ourRtf / gatedRtf : 0):0.00}x the CLI's CPU), {gatedLines} keyphrase lines");
    }

    private static short[] Concat(short[][] parts)
    {
        var output = new short[parts.Sum(p => p.Length)];
        var at = 0;
        foreach (var part in parts)
        {
            part.CopyTo(output, at);
            at += part.Length;
        }

        return output;
    }

    private sealed record BenchCall(string Name, short[] Agent, short[] Customer)
    {
        public int Frames => (Agent.Length + FrameSamples - 1) / FrameSamples;

        public double Seconds => (double)Agent.Length / PhoneRate;
    }

    private sealed record CallResult(TimeSpan Audio, TimeSpan Speech, TimeSpan Spotted, int Detections);

    private sealed class Totals
    {
        public TimeSpan Cpu { get; set; }

        public TimeSpan Audio { get; private set; }

        public TimeSpan Speech { get; private set; }

        public TimeSpan Spotted { get; private set; }

        public int Detections { get; private set; }

        public void Add(CallResult result)
        {
            Audio += result.Audio;
            Speech += result.Speech;
            Spotted += result.Spotted;
            Detections += result.Detections;
        }
    }

    private sealed class StageCosts
    {
        public TimeSpan Resample { get; set; }

        public TimeSpan VoiceActivity { get; set; }

        public TimeSpan Prosody { get; set; }

        public TimeSpan Signals { get; set; }
    }

    private sealed record MemoryFigures(ProcessMemory RssBefore, ProcessMemory RssPeak, long PssBefore, long PssPeak, long HeapBefore, long HeapPeak, int Decoders, int Legs)
    {
        public double PerLeg => (double)(RssPeak.Resident - RssBefore.Resident) / Legs;

        public double ProportionalPerLeg => (double)(PssPeak - PssBefore) / Legs;

        public double AnonymousPerLeg => (double)(RssPeak.Anonymous - RssBefore.Anonymous) / Legs;

        public double FilePerLeg => (double)(RssPeak.File - RssBefore.File) / Legs;

        public double HeapPerLeg => (double)(HeapPeak - HeapBefore) / Legs;
    }
}
