namespace EdgeCc.Agent.Hosting;

/// <summary>
/// A parsed command line: <c>edgecc [verb] [arguments] [--option value] [--flag] [--Section:Key=value]</c>.
/// Options that contain a ':' are configuration overrides, as in edgecc.json.
/// </summary>
internal sealed record CommandLine(string Verb, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string?> Options, IReadOnlyDictionary<string, string?> Overrides)
{
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "help", "version", "realtime", "calibrate", "json", "cli", "no-cli" };

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? verb = null;
        var arguments = new List<string>();
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h")
            {
                options["help"] = null;
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var body = arg[2..];
                var eq = body.IndexOf('=', StringComparison.Ordinal);
                var name = eq < 0 ? body : body[..eq];
                string? value = eq < 0 ? null : body[(eq + 1)..];
                if (value is null && !Flags.Contains(name))
                {
                    if (i + 1 >= args.Count)
                    {
                        throw new CommandLineException($"option --{name} needs a value");
                    }

                    value = args[++i];
                }

                if (name.Contains(':', StringComparison.Ordinal))
                {
                    overrides[name] = value;
                }
                else
                {
                    options[name] = value;
                }
            }
            else if (verb is null)
            {
                verb = arg;
            }
            else
            {
                arguments.Add(arg);
            }
        }

        return new CommandLine(verb ?? "run", arguments, options, overrides);
    }

    public bool Has(string option) => Options.ContainsKey(option);

    public string? Get(string option) => Options.TryGetValue(option, out var value) ? value : null;

    public double GetDouble(string option, double fallback)
    {
        var text = Get(option);
        if (text is null)
        {
            return fallback;
        }

        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CommandLineException($"option --{option} expects a number, not '{text}'");
    }
}
