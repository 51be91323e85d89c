namespace EdgeCc.Agent.Capture;

internal enum PacketReadStatus
{
    Packet,
    Timeout,
    EndOfCapture,
    Error,
}
