using System.Reflection;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// The verbs. Each builds the host it needs through <see cref="Program.BuildHost"/>. Errors a
/// user can fix (configuration, files, arguments) end the process with one clear message and
/// a non-zero code, never a stack trace.
/// </summary>
internal static class Cli
{
    public const int ExitOk = 0;
    public const int ExitFailure = 1;
    public const int ExitUsage = 2;

    public const string Usage = """
        usage: edgecc [verb] [arguments] [options] [--Section:Key=value ...]

        verbs:
          run                      the service (default): capture, analysis, floor, store, uplink
          demo [--speed X]         play the bundled sample calls through the whole pipeline
               [--data DIR]        (speed 1 = real time, 0 = as fast as possible; default 2)
          replay FILE [--realtime] a capture (pcap, pcapng) or a recording (stereo WAV: agent, customer)
                 [--agent ID]      through the pipeline; prints stream quality and the summaries
          config validate          load every configuration source, validate it: OK (exit 0) or the errors (exit 2)
          config show              the effective configuration, the source of each value, secrets masked
          bench [NAME]             measure this box: every bench (or NAME), then how many calls it can analyse in real time
          bench analysis           whole per-leg analysis (VAD, spotting, prosody, talk, sentiment) on the demo calls
               [--repeat N] [--calls N] [--samples DIR]   at 8 kHz: legs per core, stage costs, MB per leg with N calls
                                   open (default 20), pocketsphinx_continuous -kws on the same legs
          bench floor              latency and allocations of detection -> light -> strip write
          bench telephony          telephony stage on a synthetic capture vs tshark in the same run
               [--calls N] [--seconds S]   (default 200 calls x 60 s)
          bench uplink             outbox insert and drain rates to a local mosquitto after an outage,
               [--messages N] [--window N]  memory while draining, vs a bare MQTTnet client (default 100000, 256)
          eval CORPUS_DIR          a labelled corpus (manifest.json) through the spotting path, beside
               [--set A,B] [--cli|--no-cli] [--json FILE] [--jobs N] [--every K] [--thresholds FILE]
               [--detections FILE.tsv]
                                   pocketsphinx_continuous -kws: per phrase and set precision, recall,
                                   F1, false alarms per hour, detection latency, CPU per audio second
               --calibrate [--budget 1.0] [--out FILE] [--permissive -60]
                                   per-phrase thresholds per band (wideband/narrowband) with the most
                                   recall under the false-alarm budget (per phrase per hour on each set,
                                   pooled over a band's phrases), written as a configuration file with the phone-loop
                                   probabilities they hold for, then a run with them
          devices                  USB headsets connected now, their USB port and desk mapping
          lights-test [--step MS]  installer's test pattern: every pixel, matrix module, digit and relay
        options:
          --config FILE            configuration file (default /etc/edgecc/edgecc.json if present)
          --version, --help
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            var command = CommandLine.Parse(args);
            if (command.Has("version"))
            {
                Console.WriteLine($"edgecc {Version}");
                return ExitOk;
            }

            if (command.Has("help") || command.Verb == "help")
            {
                Console.WriteLine(Usage);
                return ExitOk;
            }

            using var cancel = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                cancel.Cancel();
            };

            return command.Verb switch
            {
                "run" => await RunCommand.RunAsync(command).ConfigureAwait(false),
                "demo" => await DemoCommand.RunAsync(command, Console.Out, cancel.Token).ConfigureAwait(false),
                "replay" => await ReplayCommand.RunAsync(command, Console.Out, cancel.Token).ConfigureAwait(false),
                "config" => ConfigCommand.Run(command, Console.Out),
                "bench" when command.Arguments is ["floor"] => Floor.FloorBenchmark.Run(Console.Out),
                "bench" when command.Arguments is ["uplink"] => await BenchUplinkCommand.RunAsync(command, Console.Out, cancel.Token).ConfigureAwait(false),
                "bench" when command.Arguments is ["telephony"] => await BenchTelephonyCommand.RunAsync(command, Console.Out, cancel.Token).ConfigureAwait(false),
                "bench" => BenchCommand.Run(command, Console.Out, cancel.Token),
                "eval" => EvalCommand.Run(command, Console.Out, cancel.Token),
                "devices" => DevicesCommand.Run(command, Console.Out),
                "lights-test" => await LightsTestCommand.RunAsync(command, Console.Out, cancel.Token).ConfigureAwait(false),
                _ => throw new CommandLineException($"unknown verb '{command.Verb}' (try --help)"),
            };
        }
        catch (CommandLineException ex)
        {
            return Fail(ExitUsage, ex.Message);
        }
        catch (OptionsValidationException ex)
        {
            return ConfigurationError(ex.Failures);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            return ConfigurationError(ex.InnerExceptions.SelectMany(e => ((OptionsValidationException)e).Failures));
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase))
        {
            // The binder refuses unknown keys this way.
            return Fail(ExitUsage, "configuration error: " + ex.Message);
        }
        catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            return Fail(ExitFailure, ex.Message);
        }
        catch (OperationCanceledException)
        {
            return ExitFailure;
        }
    }

    public static string Version { get; } =
        typeof(Cli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static int ConfigurationError(IEnumerable<string> failures)
        => Fail(ExitUsage, "configuration error:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", failures));

    private static int Fail(int code, string message)
    {
        Console.Error.WriteLine("edgecc: " + message);
        return code;
    }
}
