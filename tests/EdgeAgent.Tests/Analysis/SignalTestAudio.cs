using System.Buffers.Binary;
using System.Diagnostics;
using EdgeCc.Agent.Audio;

namespace EdgeCc.Agent.Tests.Analysis;

/// <summary>Real recordings, sox transforms and synthetic noise for the signal tests (16 kHz mono PCM16).</summary>
internal static class SignalTestAudio
{
    public const int Rate = 16_000;

    public const string Sox = "/usr/bin/sox";

    public static readonly string[] CleanRecordings =
    [
        "speech/pocketsphinx/librivox/sense_and_sensibility_01_austen_64kb-0870.wav",
        "speech/pocketsphinx/librivox/sense_and_sensibility_01_austen_64kb-0890.wav",
        "speech/pocketsphinx/librivox/sense_and_sensibility_01_austen_64kb-0920.wav",
        "speech/pocketsphinx/cards/002.wav",
        "speech/pocketsphinx/cards/005.wav",
        "speech/pocketsphinx/misc/goforward.derived.wav",
        "speech/pocketsphinx/misc/input_2_16k.wav",
        "speech/cmu_arctic/cmu_arctic_us_aew_a0001.wav",
        "speech/cmu_arctic/cmu_arctic_us_aew_a0002.wav",
        "speech/cmu_arctic/cmu_arctic_us_axb_a0004.wav",
        "speech/cmu_arctic/cmu_arctic_us_axb_a0006.wav",
    ];

    /// <summary>Reads a 16 kHz mono PCM16 WAV file, walking the RIFF chunks.</summary>
    public static short[] ReadWav(string relative)
    {
        var bytes = File.ReadAllBytes(TestPaths.Shared(relative));
        var span = bytes.AsSpan();
        if (span.Length < 12 || !span[..4].SequenceEqual("RIFF"u8) || !span[8..12].SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException(relative + " is not a RIFF/WAVE file.");
        }

        var pos = 12;
        var formatOk = false;
        while (pos + 8 <= span.Length)
        {
            var id = span.Slice(pos, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(span.Slice(pos + 4, 4));
            var body = span.Slice(pos + 8, Math.Min(size, span.Length - pos - 8));
            if (id.SequenceEqual("fmt "u8))
            {
                var channels = BinaryPrimitives.ReadInt16LittleEndian(body[2..]);
                var rate = BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
                var bits = BinaryPrimitives.ReadInt16LittleEndian(body[14..]);
                formatOk = channels == 1 && rate == Rate && bits == 16;
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (!formatOk)
                {
                    throw new InvalidDataException(relative + " is not 16 kHz mono PCM16.");
                }

                var samples = new short[body.Length / 2];
                for (var i = 0; i < samples.Length; i++)
                {
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(body[(2 * i)..]);
                }

                return samples;
            }

            pos += 8 + size + (size & 1);
        }

        throw new InvalidDataException(relative + " has no data chunk.");
    }

    /// <summary>Runs a real sox over raw s16le 16 kHz mono and returns its output (e.g. effects "pitch 400").</summary>
    public static short[] SoxTransform(short[] input, string effects)
    {
        TestPaths.RequireFile(Sox, "sox");
        var psi = new ProcessStartInfo(Sox)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in ("-q -t raw -r 16000 -e signed -b 16 -c 1 - -t raw -r 16000 -e signed -b 16 -c 1 - " + effects).Split(' '))
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi)!;
        var bytes = new byte[input.Length * 2];
        for (var i = 0; i < input.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), input[i]);
        }

        var writer = Task.Run(() =>
        {
            process.StandardInput.BaseStream.Write(bytes);
            process.StandardInput.Close();
        });
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        var error = process.StandardError.ReadToEnd();
        writer.GetAwaiter().GetResult();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"sox {effects} failed ({process.ExitCode}): {error}");
        }

        var raw = output.ToArray();
        var result = new short[raw.Length / 2];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = BinaryPrimitives.ReadInt16LittleEndian(raw.AsSpan(2 * i));
        }

        return result;
    }

    /// <summary>Gaussian white noise with the given RMS level (dBFS, full-scale sine = -3 dBFS convention not used: RMS re 32768).</summary>
    public static float[] WhiteNoise(int samples, int seed)
    {
        var random = new Random(seed);
        var x = new float[samples];
        for (var i = 0; i < samples; i++)
        {
            // Box-Muller: unit-variance Gaussian.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            x[i] = (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }

        return x;
    }

    /// <summary>Pink (1/f) noise from white noise with Paul Kellet's three-pole economy filter, normalised to unit RMS.</summary>
    public static float[] PinkNoise(int samples, int seed)
    {
        var white = WhiteNoise(samples, seed);
        double b0 = 0, b1 = 0, b2 = 0;
        var x = new float[samples];
        for (var i = 0; i < samples; i++)
        {
            var w = white[i];
            b0 = (0.99765 * b0) + (w * 0.0990460);
            b1 = (0.96300 * b1) + (w * 0.2965164);
            b2 = (0.57000 * b2) + (w * 1.0526913);
            x[i] = (float)(b0 + b1 + b2 + (w * 0.1848));
        }

        return Normalise(x);
    }

    public static float[] Normalise(float[] x)
    {
        double sum = 0;
        foreach (var v in x)
        {
            sum += v * v;
        }

        var rms = Math.Sqrt(sum / x.Length);
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = (float)(x[i] / rms);
        }

        return x;
    }

    /// <summary>Scales unit-RMS noise to an RMS level in dBFS (re 32768) and quantises to PCM16.</summary>
    public static short[] ToPcm(float[] unitRms, double levelDbfs)
    {
        var gain = 32768 * Math.Pow(10, levelDbfs / 20);
        var pcm = new short[unitRms.Length];
        for (var i = 0; i < pcm.Length; i++)
        {
            pcm[i] = Clip(unitRms[i] * gain);
        }

        return pcm;
    }

    /// <summary>Passes PCM through a G.711 mu-law encode/decode, as a comfort-noise or line signal would arrive.</summary>
    public static short[] ThroughMuLaw(short[] pcm)
    {
        var result = new short[pcm.Length];
        for (var i = 0; i < pcm.Length; i++)
        {
            result[i] = G711.MuLawToLinear(G711.LinearToMuLaw(pcm[i]));
        }

        return result;
    }

    public static short[] Mix(short[] a, short[] b)
    {
        var result = new short[Math.Max(a.Length, b.Length)];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Clip((i < a.Length ? a[i] : 0) + (i < b.Length ? b[i] : 0));
        }

        return result;
    }

    public static short[] Concat(params short[][] parts)
    {
        var result = new List<short>();
        foreach (var part in parts)
        {
            result.AddRange(part);
        }

        return [.. result];
    }

    public static short[] Gain(short[] pcm, double db)
    {
        var g = Math.Pow(10, db / 20);
        var result = new short[pcm.Length];
        for (var i = 0; i < pcm.Length; i++)
        {
            result[i] = Clip(pcm[i] * g);
        }

        return result;
    }

    public static short[] Sine(double hz, double seconds, double amplitude, double phase = 0)
    {
        var pcm = new short[(int)(seconds * Rate)];
        for (var i = 0; i < pcm.Length; i++)
        {
            pcm[i] = Clip(amplitude * Math.Sin((2 * Math.PI * hz * i / Rate) + phase));
        }

        return pcm;
    }

    public static double RmsDbfs(ReadOnlySpan<short> pcm)
    {
        double sum = 0;
        foreach (var s in pcm)
        {
            sum += (double)s * s;
        }

        return 10 * Math.Log10((sum / Math.Max(1, pcm.Length)) + 1e-9) - (20 * Math.Log10(32768));
    }

    public static short Clip(double v) => (short)Math.Clamp(Math.Round(v), short.MinValue, short.MaxValue);
}
