using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace EdgeCc.Agent.Tests.Hosting;

/// <summary>
/// The real <c>edgecc run</c> against a real AF_UNIX datagram socket given as NOTIFY_SOCKET, the
/// way systemd runs it with Type=notify and WatchdogSec=.
/// </summary>
public class SdNotifyTests
{
    [Fact]
    public async Task Run_sends_READY_then_WATCHDOG_pings_then_STOPPING_on_SIGTERM_to_NOTIFY_SOCKET()
    {
        var dir = Directory.CreateTempSubdirectory("edgecc-notify-");
        try
        {
            var socketPath = Path.Combine(dir.FullName, "notify");
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.Bind(new UnixDomainSocketEndPoint(socketPath));

            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "edgecc.dll"));
            start.ArgumentList.Add("run");
            start.ArgumentList.Add("--Store:DataDirectory=" + Path.Combine(dir.FullName, "data"));
            start.Environment["NOTIFY_SOCKET"] = socketPath;
            // 400 ms: a ping every 200 ms (half the interval, as sd_watchdog_enabled(3) advises).
            start.Environment["WATCHDOG_USEC"] = "400000";
            start.Environment.Remove("WATCHDOG_PID");

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            try
            {
                var received = new List<string>();
                async Task<string> NextAsync()
                {
                    var buffer = new byte[4096];
                    var length = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                    var message = Encoding.UTF8.GetString(buffer, 0, length);
                    received.Add(message);
                    return message;
                }

                // READY=1 comes once the host has started; pings may come before it (the watchdog
                // is a hosted service that starts first), never after STOPPING.
                while (await NextAsync() != "READY=1")
                {
                }

                Assert.Equal("WATCHDOG=1", await NextAsync());
                Assert.Equal("WATCHDOG=1", await NextAsync());

                using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                    await kill.WaitForExitAsync(timeout.Token);
                }

                string message;
                while ((message = await NextAsync()) == "WATCHDOG=1")
                {
                }

                Assert.Equal("STOPPING=1", message);
                await process.WaitForExitAsync(timeout.Token);
                Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await error}");
                Assert.Single(received, m => m == "READY=1");
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }

                await process.WaitForExitAsync(CancellationToken.None);
                _ = await output;
                _ = await error;
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
