using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Capture;
using EdgeCc.Agent.Telephony;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Tests.Telephony;

/// <summary>A sink that keeps what it is given, in order.</summary>
internal sealed class CollectingSink : ICallInputSink
{
    public List<CallInput> Inputs { get; } = [];

    public ValueTask WriteAsync(CallInput input, CancellationToken cancellationToken)
    {
        Inputs.Add(input);
        return ValueTask.CompletedTask;
    }

    public List<T> Events<T>()
        where T : CallEvent => Inputs.Where(i => i.Event is T).Select(i => (T)i.Event!).ToList();
}

internal static class ReplayHelper
{
    public static async Task<(CollectingSink Sink, ReplaySummary Summary)> RunAsync(string relative, TelephonyOptions? options = null, CaptureOptions? capture = null)
    {
        var source = new PcapCallSource(Options.Create(options ?? new TelephonyOptions()), Options.Create(capture ?? new CaptureOptions()), TimeProvider.System);
        var sink = new CollectingSink();
        await source.RunAsync(TestPaths.Shared(relative), sink, realtime: false, CancellationToken.None);
        return (sink, source.LastRun!);
    }
}
