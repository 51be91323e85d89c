namespace EdgeCc.Agent.Hosting;

/// <summary>
/// One stage's cost on this box, for <c>edgecc bench</c>. A stage adds its own
/// (<c>services.AddSingleton&lt;ICapacityBench, TelephonyBench&gt;()</c>) and is then run by
/// <c>edgecc bench</c> (all stages, costs summed) and <c>edgecc bench NAME</c> (that stage alone).
/// </summary>
internal interface ICapacityBench
{
    /// <summary>The name after <c>bench</c> on the command line, e.g. <c>analysis</c>.</summary>
    string Name { get; }

    /// <summary>Measures on the calling thread; <paramref name="log"/> gets the figures behind the result.</summary>
    CapacityFigure Measure(CommandLine command, TextWriter log, CancellationToken cancellationToken);
}
