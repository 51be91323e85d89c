namespace EdgeCc.Agent.Capture;

/// <summary>libpcap's counters for a live capture (pcap_stats): drops are the kernel's, not ours.</summary>
public sealed record CaptureStatistics(long Received, long DroppedByKernel, long DroppedByInterface);
