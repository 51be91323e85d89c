using EdgeCc.Agent.Capture;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Hosting;

/// <summary><c>devices</c>: the USB headsets connected now, with their USB port and the desk each is mapped to.</summary>
internal static class DevicesCommand
{
    public static int Run(CommandLine command, TextWriter output)
    {
        using var host = Program.BuildHost(new HostSettings
        {
            ConfigFile = command.Get("config"),
            Overrides = new Dictionary<string, string?>(command.Overrides) { ["Web:Enabled"] = "false" },
            MinimumLogLevel = LogLevel.Warning,
        });
        HeadsetDeviceListing.Write(output, host.Services.GetRequiredService<IOptions<HeadsetOptions>>().Value);
        return Cli.ExitOk;
    }
}
