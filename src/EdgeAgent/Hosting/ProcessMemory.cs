using System.Globalization;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// This process's resident memory (VmRSS in /proc/self/status, proc(5)): what the box's RAM
/// actually holds for it, native decoders and the managed heap alike.
/// </summary>
internal static class ProcessMemory
{
    public static long ResidentBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            // "VmRSS:     123456 kB"
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var value = line.AsSpan("VmRSS:".Length).Trim();
                var space = value.IndexOf(' ');
                return long.Parse(space < 0 ? value : value[..space], NumberStyles.None, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException("/proc/self/status has no VmRSS line");
    }
}
