using System.Net;
using System.Net.Sockets;
using EdgeCc.Agent.Hosting;

namespace EdgeCc.Agent.Tests.Hosting;

public class StartupChecksTests
{
    [Fact]
    public void Port_in_use_is_reported_with_the_port_and_the_key_that_set_it()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var endpoint = (IPEndPoint)taken.LocalEndpoint;

        var error = Assert.Throws<IOException>(() => StartupChecks.PortFree(endpoint, "Web:Port"));
        Assert.Equal($"port {endpoint.Port} on 127.0.0.1 (Web:Port) is already in use by another process", error.Message);
    }

    [Fact]
    public void Free_port_passes_the_check_and_stays_free()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        StartupChecks.PortFree(new IPEndPoint(IPAddress.Loopback, port), "Web:Port");
        using var after = new TcpListener(IPAddress.Loopback, port);
        after.Start();
    }
}
