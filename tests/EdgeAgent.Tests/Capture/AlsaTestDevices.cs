using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace EdgeCc.Agent.Tests.Capture;

/// <summary>
/// Stand-in headsets for tests: raw recordings made from the shared speech with sox, and an
/// alsa-lib configuration file whose <c>type file</c> PCMs play them as capture devices
/// (<c>infile</c> over a <c>null</c> slave), opened by name like any headset.
/// </summary>
internal sealed class AlsaTestDevices : IDisposable
{
    public const string Sox = "/usr/bin/sox";

    private readonly StringBuilder _config = new();

    public AlsaTestDevices()
    {
        Directory = Path.Combine(Path.GetTempPath(), "edgecc-alsa-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        ConfigPath = Path.Combine(Directory, "asound.conf");
        File.WriteAllText(ConfigPath, "");
    }

    public string Directory { get; }

    public string ConfigPath { get; }

    public static string Speech(string name) => TestPaths.Shared("speech/cmu_arctic/" + name);

    /// <summary>Reads a 16 kHz mono WAV's samples with sox (the reference the capture output is compared to).</summary>
    public static short[] ReadSamples(string wav)
    {
        var raw = RunSox($"\"{wav}\" -t raw -e signed -b 16 -c 1 -");
        var samples = new short[raw.Length / 2];
        Buffer.BlockCopy(raw, 0, samples, 0, samples.Length * 2);
        return samples;
    }

    /// <summary>Two 16 kHz recordings resampled by sox to one 48 kHz stereo S16_LE raw file: agent left, customer right.</summary>
    public string MakeStereo48k(string name, string agentWav, string customerWav)
    {
        var path = Path.Combine(Directory, name + ".raw");
        RunSox($"-M \"{agentWav}\" \"{customerWav}\" -t raw -e signed -b 16 -r 48000 -c 2 \"{path}\"", toStdout: false);
        return path;
    }

    /// <summary>A 16 kHz recording as mono S16_LE raw, optionally padded with silence.</summary>
    public string MakeMono16k(string name, string wav, double padSeconds = 0)
    {
        var path = Path.Combine(Directory, name + ".raw");
        var pad = padSeconds > 0 ? " pad 0 " + padSeconds.ToString(CultureInfo.InvariantCulture) : "";
        RunSox($"\"{wav}\" -t raw -e signed -b 16 -r 16000 -c 1 \"{path}\"{pad}", toStdout: false);
        return path;
    }

    /// <summary>Adds <c>pcm.NAME</c> reading <paramref name="rawPath"/>; the file's end reads as silence from the null slave.</summary>
    public void AddPcm(string name, string rawPath)
    {
        _config.Append(CultureInfo.InvariantCulture, $$"""
            pcm.{{name}} {
                type file
                slave.pcm { type null }
                file "/dev/null"
                infile "{{rawPath}}"
                format "raw"
            }

            """);
        File.WriteAllText(ConfigPath, _config.ToString());
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Runs sox with output to a file named in <paramref name="arguments"/>.</summary>
    public static void RunSoxFile(string arguments) => RunSox(arguments, toStdout: false);

    private static byte[] RunSox(string arguments, bool toStdout = true)
    {
        TestPaths.RequireFile(Sox, "sox");
        var start = new ProcessStartInfo(Sox, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"sox {arguments} failed: {stderr.Result}");
        }

        return toStdout ? output.ToArray() : [];
    }
}
