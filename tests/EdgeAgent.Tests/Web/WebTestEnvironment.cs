using System.Runtime.CompilerServices;

namespace EdgeCc.Agent.Tests.Web;

internal static class WebTestEnvironment
{
    /// <summary>
    /// Every host the tests build (in-process or the edgecc child process, which inherits the
    /// environment) serves the web on a port the kernel picks, so parallel tests never fight over
    /// the default 8080. Tests that need a fixed address override Web:Urls themselves.
    /// </summary>
#pragma warning disable CA2255 // A module initializer is the one place that runs before any test builds a host.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void UseEphemeralPorts() => Environment.SetEnvironmentVariable("EDGECC__Web__Urls", "http://127.0.0.1:0");
}
