using System.Globalization;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// This process's resident memory from /proc/self/status (proc(5)): VmRSS, what the box's RAM holds
/// for it, native decoders and the managed heap alike, split into anonymous memory (RssAnon: heaps,
/// what each decoder allocates) and mapped files (RssFile: code, memory-mapped model files).
/// </summary>
internal readonly record struct ProcessMemory(long Resident, long Anonymous, long File)
{
    /// <summary>
    /// Proportional set size (Pss in /proc/self/smaps_rollup, Linux 4.14+): a page mapped N times counts 1/N
    /// each time. VmRSS counts a model file that every decoder maps once per mapping, though RAM holds it once.
    /// </summary>
    public static long ProportionalBytes()
    {
        foreach (var line in System.IO.File.ReadLines("/proc/self/smaps_rollup"))
        {
            if (Read(line, "Pss:") is { } pss)
            {
                return pss;
            }
        }

        throw new InvalidOperationException("/proc/self/smaps_rollup has no Pss line");
    }

    public static ProcessMemory Now()
    {
        long resident = -1, anonymous = -1, file = -1;
        foreach (var line in System.IO.File.ReadLines("/proc/self/status"))
        {
            resident = Read(line, "VmRSS:") ?? resident;
            anonymous = Read(line, "RssAnon:") ?? anonymous;
            file = Read(line, "RssFile:") ?? file;
        }

        if (resident < 0 || anonymous < 0 || file < 0)
        {
            throw new InvalidOperationException("/proc/self/status has no VmRSS, RssAnon or RssFile line (Linux 4.5 or later has them)");
        }

        return new ProcessMemory(resident, anonymous, file);
    }

    public static ProcessMemory Max(ProcessMemory a, ProcessMemory b) => a.Resident >= b.Resident ? a : b;

    // "VmRSS:     123456 kB"
    private static long? Read(string line, string key)
    {
        if (!line.StartsWith(key, StringComparison.Ordinal))
        {
            return null;
        }

        var value = line.AsSpan(key.Length).Trim();
        var space = value.IndexOf(' ');
        return long.Parse(space < 0 ? value : value[..space], NumberStyles.None, CultureInfo.InvariantCulture) * 1024;
    }
}
