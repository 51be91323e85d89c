namespace EdgeCc.Agent.Analysis;

/// <summary>Where sources (pcap, headsets, files) deliver calls: audio frames and call events, in order per call.</summary>
public interface ICallInputSink
{
    ValueTask WriteAsync(CallInput input, CancellationToken cancellationToken);
}
