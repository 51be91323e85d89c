using System.Runtime.InteropServices;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// CPU time (user + system) of this process's children that have exited and been waited for
/// (getrusage(2), RUSAGE_CHILDREN). Linux drops /proc/PID once a child is reaped, so
/// <see cref="System.Diagnostics.Process.TotalProcessorTime"/> cannot be read after exit; the
/// difference of this clock around a child's run is that child's CPU, as the kernel counted it.
/// </summary>
internal static partial class ChildCpuClock
{
    // <sys/resource.h>: RUSAGE_CHILDREN is -1.
    private const int RusageChildren = -1;

    public static TimeSpan Now()
    {
        if (GetRusage(RusageChildren, out var usage) != 0)
        {
            throw new InvalidOperationException($"getrusage(RUSAGE_CHILDREN) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        return ToTimeSpan(usage.UserSeconds, usage.UserMicroseconds) + ToTimeSpan(usage.SystemSeconds, usage.SystemMicroseconds);
    }

    private static TimeSpan ToTimeSpan(long seconds, long microseconds)
        => TimeSpan.FromTicks((seconds * TimeSpan.TicksPerSecond) + (microseconds * TimeSpan.TicksPerMicrosecond));

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static partial int GetRusage(int who, out Rusage usage);

    // struct rusage on 64-bit Linux (x86-64, arm64): two struct timevals (two 64-bit fields each)
    // and fourteen 64-bit counters, which are not read here.
    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public fixed long Counters[14];
    }
}
