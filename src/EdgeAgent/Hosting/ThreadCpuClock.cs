using System.Runtime.InteropServices;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// CPU time consumed by the calling thread (clock_gettime(2), CLOCK_THREAD_CPUTIME_ID): what a
/// benchmark on a shared box must measure, since wall time also counts other processes' turns.
/// </summary>
internal static partial class ThreadCpuClock
{
    // <linux/time.h>: CLOCK_THREAD_CPUTIME_ID is 3 on every Linux architecture.
    private const int ClockThreadCpuTimeId = 3;

    public static TimeSpan Now()
    {
        if (ClockGetTime(ClockThreadCpuTimeId, out var spec) != 0)
        {
            throw new InvalidOperationException($"clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        return TimeSpan.FromTicks((spec.Seconds * TimeSpan.TicksPerSecond) + (spec.Nanoseconds / 100));
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
    private static partial int ClockGetTime(int clockId, out Timespec spec);

    // struct timespec on 64-bit Linux (x86-64, arm64): two 64-bit fields.
    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
