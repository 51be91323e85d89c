namespace EdgeCc.Agent.Capture;

internal enum TransportKind : byte
{
    Udp,
    Tcp,
}
