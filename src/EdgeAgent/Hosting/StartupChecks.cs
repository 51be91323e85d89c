using System.Net;
using System.Net.Sockets;
using EdgeCc.Agent.Store;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// Checks of the environment a verb needs, made before anything starts so that a wrong path or
/// permission ends the process with one line naming the cause, not a host start-up stack trace.
/// </summary>
internal static class StartupChecks
{
    /// <summary>The file given with <c>--config</c> must exist and be readable by this user.</summary>
    public static void ConfigFile(string? path)
    {
        if (path is null)
        {
            return;
        }

        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new InvalidDataException($"configuration file {full} (--config) is a directory");
        }

        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"configuration file {full} (--config) does not exist", full);
        }

        try
        {
            using var probe = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        }
        catch (UnauthorizedAccessException)
        {
            throw new UnauthorizedAccessException(
                $"configuration file {full} (--config) is not readable by user {Environment.UserName} (mode {ModeOf(full)}); " +
                "the package installs it as root:edgecc 0640");
        }
    }

    /// <summary>
    /// The store's directory must exist (or be creatable) and be writable: LiteDB opens its file
    /// only when the first service needs it, and its error would name the file, not the setting.
    /// </summary>
    public static void DataDirectory(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = Path.GetFullPath(options.DataDirectory);
        var probe = Path.Combine(directory, $".edgecc-write-probe-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(directory);
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            var mode = Directory.Exists(directory) ? $"mode {ModeOf(directory)}" : "it cannot be created";
            throw new UnauthorizedAccessException(
                $"data directory {directory} ({StoreOptions.Section}:DataDirectory) is not writable by user {Environment.UserName} ({mode}): {ex.Message}");
        }
    }

    /// <summary>
    /// For a stage that listens (web, MQTT broker): call before the host starts so a port taken by
    /// another process ends the verb with one line naming the port and the key that set it (Cli
    /// prints an <see cref="IOException"/> as one line), instead of the server's start-up stack trace.
    /// The check is advisory: the port can still be taken between this bind and the server's own.
    /// </summary>
    public static void PortFree(IPEndPoint endpoint, string key)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(endpoint);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            var reason = ex.SocketErrorCode == SocketError.AddressAlreadyInUse ? "is already in use by another process" : $"needs privileges user {Environment.UserName} lacks";
            throw new IOException($"port {endpoint.Port} on {endpoint.Address} ({key}) {reason}", ex);
        }
    }

    private static string ModeOf(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return "unknown";
        }

        try
        {
            return "0" + Convert.ToString((int)File.GetUnixFileMode(path), 8);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return "unknown";
        }
    }
}
