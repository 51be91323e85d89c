using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Analysis.Evaluation;
using EdgeCc.Agent.Audio;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// The peer <c>edgecc eval</c> compares with: Debian's <c>pocketsphinx_continuous -kws</c> on the same files and
/// phrase list, with its default threshold for every phrase (the keyphrase file has no <c>/1e-n/</c>) and the
/// configured acoustic model and dictionary. It reads 16 kHz only, and only a WAV with the plain 44-byte header,
/// so any other file (narrowband sets) is first resampled with <see cref="PolyphaseResampler"/> into a temporary WAV.
/// </summary>
internal sealed class SphinxCliRunner(AnalysisOptions configured, int jobs) : IDisposable
{
    public const string Program = "pocketsphinx_continuous";
    public const string Package = "pocketsphinx";
    public const int SampleRate = 16_000;

    private const int PlainHeaderBytes = 44;

    private readonly string _directory = Directory.CreateTempSubdirectory("edgecc-eval-cli-").FullName;
    private TimeSpan? _startup;

    /// <summary>Whether the CLI is on the PATH.</summary>
    public static bool Installed()
        => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, Program)));

    public EvalRun Run(CorpusManifest corpus, CorpusSet set, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(set);
        var texts = set.Phrases.Select(p => PronunciationDictionary.Normalize(p.Text)).ToList();
        var keyphrases = Path.Combine(_directory, set.Name + ".kws");
        File.WriteAllText(keyphrases, string.Join('\n', texts) + "\n", new UTF8Encoding(false));
        _startup ??= MeasureStartup(keyphrases, cancellationToken);
        var items = new EvalItemRun[set.Items.Count];
        Parallel.For(
            0,
            items.Length,
            new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancellationToken },
            i => items[i] = RunItem(corpus.PathOf(set.Items[i]), keyphrases, texts, $"{set.Name}-{i}", cancellationToken));
        var cpu = TimeSpan.Zero;
        foreach (var item in items)
        {
            cpu += item.Cpu;
        }

        return new EvalRun("pocketsphinx_continuous", items, cpu, _startup.Value);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary directory is not worth failing the evaluation for.
        }
    }

    /// <summary>Runs the CLI on one file; its detections and the CPU the process used (user + system).</summary>
    public (string Stdout, TimeSpan Cpu) Decode(string wav, string keyphrases, CancellationToken cancellationToken)
    {
        // Linux drops /proc/PID once a child is reaped, so Process.TotalProcessorTime cannot be read after exit;
        // bash's time keyword reports the child's rusage instead (as bench telephony does for tshark).
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["TIMEFORMAT"] = "cpu %3U %3S";
        string[] arguments =
        [
            "-c", "time \"$@\"", "bash", Program,
            "-infile", wav, "-kws", keyphrases, "-hmm", configured.ModelDirectory, "-dict", configured.DictionaryPath,
            "-time", "yes", "-logfn", "/dev/null",
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        process.WaitForExitAsync(cancellationToken).GetAwaiter().GetResult();
        var errors = stderr.GetAwaiter().GetResult().Trim();
        var last = errors[(errors.LastIndexOf('\n') + 1)..].Split(' ');
        if (process.ExitCode != 0 || last.Length != 3 || last[0] != "cpu")
        {
            throw new IOException(string.Create(CultureInfo.InvariantCulture, $"{Program} failed on {wav} ({process.ExitCode}): {errors}"));
        }

        var c = CultureInfo.InvariantCulture;
        return (stdout.GetAwaiter().GetResult(), TimeSpan.FromSeconds(double.Parse(last[1], c) + double.Parse(last[2], c)));
    }

    private EvalItemRun RunItem(string path, string keyphrases, List<string> texts, string name, CancellationToken cancellationToken)
    {
        var wav = WavReader.Read(path);
        if (wav.Channels.Length != 1)
        {
            throw new InvalidDataException($"{path}: {wav.Channels.Length} channels; a corpus file is one leg (mono)");
        }

        var seconds = wav.FrameCount / (double)wav.SampleRate;
        var input = path;
        if (!Readable(path, wav))
        {
            input = Path.Combine(_directory, name + ".wav");
            WavWriter.Write(input, SampleRate, WavEncoding.Pcm16, ToCliRate(wav));
        }

        try
        {
            var (stdout, cpu) = Decode(input, keyphrases, cancellationToken);
            return new EvalItemRun(SphinxCliOutput.Parse(stdout, texts).Detections, seconds, cpu);
        }
        finally
        {
            if (!ReferenceEquals(input, path))
            {
                File.Delete(input);
            }
        }
    }

    /// <summary>The CPU one run costs before it hears audio (model, full dictionary): a run on 0.1 s of silence.</summary>
    private TimeSpan MeasureStartup(string keyphrases, CancellationToken cancellationToken)
    {
        var silence = Path.Combine(_directory, "startup.wav");
        WavWriter.Write(silence, SampleRate, WavEncoding.Pcm16, new short[SampleRate / 10]);
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var (_, cpu) = Decode(silence, keyphrases, cancellationToken);
            best = cpu < best ? cpu : best;
        }

        return best;
    }

    private static short[] ToCliRate(WavAudio wav)
    {
        if (wav.SampleRate == SampleRate)
        {
            return wav.Channels[0];
        }

        var resampler = new PolyphaseResampler(wav.SampleRate, SampleRate);
        var output = new short[resampler.MaxOutput(wav.FrameCount)];
        var written = resampler.Process(wav.Channels[0], output);
        return output[..written];
    }

    /// <summary>16 kHz PCM16 whose samples start at byte 44, which is all the CLI's WAV check looks at.</summary>
    private static bool Readable(string path, WavAudio wav)
    {
        if (wav.SampleRate != SampleRate || wav.Encoding != WavEncoding.Pcm16)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[PlainHeaderBytes];
        using var file = File.OpenRead(path);
        return file.ReadAtLeast(header, PlainHeaderBytes, throwOnEndOfStream: false) == PlainHeaderBytes
            && header[36..40].SequenceEqual("data"u8)
            && BinaryPrimitives.ReadUInt16LittleEndian(header[20..]) == 1;
    }
}
