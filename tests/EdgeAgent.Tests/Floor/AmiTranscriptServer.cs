using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EdgeCc.Agent.Tests.Floor;

/// <summary>
/// Replays recorded AMI transcripts over a real loopback socket, one transcript list per accepted
/// connection. A transcript holds both sides: blocks starting with <c>Action:</c> are the client's.
/// For the actions in <see cref="Awaited"/> the server reads the client's packet first and
/// substitutes its ActionID for the recorded one in what follows (and for <c>$ACTIONID$</c>);
/// other recorded client blocks (Ping, UserEvent) are dropped. After the last block it closes.
/// </summary>
internal sealed class AmiTranscriptServer : IDisposable
{
    private static readonly string[] Awaited = ["login", "queuestatus", "queuesummary"];
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Queue<string[]> _sessions = new();
    private readonly Task _serving;

    public AmiTranscriptServer(params string[][] sessions)
    {
        foreach (var s in sessions)
        {
            _sessions.Enqueue(s);
        }

        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public List<string> ReceivedActions { get; } = [];

    public void Dispose()
    {
        _listener.Stop();
        _listener.Dispose();
    }

    private async Task ServeAsync()
    {
        try
        {
            while (_sessions.TryDequeue(out var files))
            {
                using var client = await _listener.AcceptTcpClientAsync();
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII, false, 1024, leaveOpen: true);
                var bannerSent = false;
                foreach (var file in files)
                {
                    var text = File.ReadAllText(file);
                    var eol = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
                    var blocks = text.Split(eol + eol, StringSplitOptions.RemoveEmptyEntries);
                    var ids = new Dictionary<string, string>(StringComparer.Ordinal);
                    string? lastClientId = null;
                    foreach (var raw in blocks)
                    {
                        var block = raw.Trim('\r', '\n', ' ');
                        if (block.StartsWith("Asterisk Call Manager/", StringComparison.Ordinal))
                        {
                            var newline = block.IndexOf(eol, StringComparison.Ordinal);
                            var banner = newline < 0 ? block : block[..newline];
                            if (!bannerSent)
                            {
                                await Write(stream, banner + "\r\n");
                                bannerSent = true;
                            }

                            if (newline < 0)
                            {
                                continue;
                            }

                            block = block[(newline + eol.Length)..];
                        }

                        if (block.StartsWith("action:", StringComparison.OrdinalIgnoreCase))
                        {
                            var action = Field(block, "action")!.ToLowerInvariant();
                            if (Array.IndexOf(Awaited, action) < 0)
                            {
                                continue;
                            }

                            var packet = await ReadPacket(reader);
                            ReceivedActions.Add(Field(packet, "Action") ?? "");
                            lastClientId = Field(packet, "ActionID");
                            if (Field(block, "ActionID") is { } recorded && lastClientId is not null)
                            {
                                ids[recorded] = lastClientId;
                            }

                            continue;
                        }

                        foreach (var (recorded, actual) in ids)
                        {
                            block = block.Replace("ActionID: " + recorded, "ActionID: " + actual, StringComparison.Ordinal);
                        }

                        if (lastClientId is not null)
                        {
                            block = block.Replace("$ACTIONID$", lastClientId, StringComparison.Ordinal);
                        }

                        await Write(stream, block + eol + eol);
                    }
                }

                // Close politely: FIN first, then drain what the client still sends (its polls) until
                // it closes, so the kernel never answers unread data with a reset that could cut the replay short.
                client.Client.Shutdown(SocketShutdown.Send);
                var sink = new byte[4096];
                while (await stream.ReadAsync(sink) > 0)
                {
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
        {
            // The test is over and stopped the listener.
        }
    }

    private static async Task<string> ReadPacket(StreamReader reader)
    {
        var packet = new StringBuilder();
        while (await reader.ReadLineAsync() is { } line && line.Length > 0)
        {
            packet.Append(line).Append('\n');
        }

        return packet.ToString();
    }

    private static string? Field(string block, string key)
    {
        foreach (var line in block.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }

    private static Task Write(NetworkStream stream, string text) => stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();
}
