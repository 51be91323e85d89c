using System.Diagnostics;

namespace EdgeCc.Agent.Tests.Audio;

/// <summary>Runs a real command-line tool (sox, ffmpeg) and returns what it wrote to stdout.</summary>
internal static class ExternalTool
{
    public static string Sox => TestPaths.RequireFile("/usr/bin/sox", "sox");

    public static string Ffmpeg => TestPaths.RequireFile("/usr/bin/ffmpeg", "ffmpeg");

    public static byte[] Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var error = process.StandardError.ReadToEndAsync();
        using var stdout = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(stdout);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error.Result}");
        }

        return stdout.ToArray();
    }

    /// <summary>Splits interleaved s16le bytes into channels.</summary>
    public static short[][] Deinterleave(byte[] s16le, int channelCount)
    {
        var frames = s16le.Length / 2 / channelCount;
        var channels = new short[channelCount][];
        for (var c = 0; c < channelCount; c++)
        {
            channels[c] = new short[frames];
            for (var f = 0; f < frames; f++)
            {
                channels[c][f] = BitConverter.ToInt16(s16le, 2 * ((f * channelCount) + c));
            }
        }

        return channels;
    }
}
