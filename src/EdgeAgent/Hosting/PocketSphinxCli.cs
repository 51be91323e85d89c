using System.Diagnostics;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// Debian's <c>pocketsphinx_continuous</c> (package pocketsphinx) in keyphrase mode: the peer that
/// <c>bench analysis</c> measures beside edgecc on the same audio, model and phrase list.
/// </summary>
internal static class PocketSphinxCli
{
    public const string Program = "pocketsphinx_continuous";

    public static bool IsInstalled()
        => (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, Program)));

    /// <summary>
    /// Spots the keyphrases in a 16 kHz PCM16 WAV file; returns the child's CPU time and the lines it printed
    /// (one per utterance with a keyphrase). <paramref name="ownVoiceActivity"/> false passes
    /// <c>-remove_silence no</c>, so the decoder hears every frame.
    /// </summary>
    public static (TimeSpan Cpu, int Lines) Run(
        string wavFile, string modelDirectory, string dictionaryPath, string keyphrasePath, bool ownVoiceActivity, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            "-infile", wavFile,
            "-hmm", modelDirectory,
            "-dict", dictionaryPath,
            "-kws", keyphrasePath,
            "-samprate", "16000",
            "-remove_silence", ownVoiceActivity ? "yes" : "no",
            "-logfn", "/dev/null",
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var before = ChildCpuClock.Now();
        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException($"{Program} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        process.WaitForExitAsync(cancellationToken).GetAwaiter().GetResult();
        var output = stdout.GetAwaiter().GetResult();
        var errors = stderr.GetAwaiter().GetResult();
        var cpu = ChildCpuClock.Now() - before;
        if (process.ExitCode != 0)
        {
            throw new IOException($"{Program} exited {process.ExitCode}: {errors.Trim()}");
        }

        var lines = 0;
        foreach (var line in output.Split('\n'))
        {
            if (line.Trim().Length > 0)
            {
                lines++;
            }
        }

        return (cpu, lines);
    }
}
