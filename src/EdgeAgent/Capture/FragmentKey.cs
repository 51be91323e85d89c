namespace EdgeCc.Agent.Capture;

/// <summary>Which datagram a fragment belongs to (RFC 791 §3.2; RFC 8200 §4.5).</summary>
internal readonly record struct FragmentKey(NetAddress Source, NetAddress Destination, uint Identification, byte Protocol);
