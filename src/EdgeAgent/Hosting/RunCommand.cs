using Microsoft.Extensions.Hosting;

namespace EdgeCc.Agent.Hosting;

/// <summary><c>run</c>: the service, until systemd (or Ctrl+C) stops it.</summary>
internal static class RunCommand
{
    public static async Task<int> RunAsync(CommandLine command)
    {
        using var host = Program.BuildHost(new HostSettings
        {
            ConfigFile = command.Get("config"),
            Overrides = new Dictionary<string, string?>(command.Overrides),
        });
        await host.RunAsync().ConfigureAwait(false);
        return Cli.ExitOk;
    }
}
