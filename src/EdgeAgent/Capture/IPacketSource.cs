namespace EdgeCc.Agent.Capture;

/// <summary>Where frames come from: a capture file or a network interface.</summary>
internal interface IPacketSource : IDisposable
{
    LinkKind Link { get; }

    PacketReadStatus Read(out CapturedFrame frame);
}
