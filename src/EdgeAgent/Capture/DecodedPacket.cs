namespace EdgeCc.Agent.Capture;

/// <summary>
/// The transport-level view of one frame. <see cref="Payload"/> points into the frame or into
/// the decoder's reassembly buffer and is valid only until the decoder's next call.
/// </summary>
internal ref struct DecodedPacket
{
    public long TimestampTicks;
    public NetAddress Source;
    public NetAddress Destination;
    public ushort SourcePort;
    public ushort DestinationPort;
    public TransportKind Transport;
    public uint TcpSequence;
    public byte TcpFlags;
    public bool Tunnelled;
    public bool Reassembled;
    public ReadOnlySpan<byte> Payload;

    public readonly DateTimeOffset Timestamp => new(TimestampTicks, TimeSpan.Zero);

    public readonly NetEndpoint SourceEndpoint => new(Source, SourcePort);

    public readonly NetEndpoint DestinationEndpoint => new(Destination, DestinationPort);
}
