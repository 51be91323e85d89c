using EdgeCc.Agent.Capture;

namespace EdgeCc.Agent.Tests.Capture;

/// <summary>Runs a real capture file through libpcap and the frame decoder.</summary>
internal static class CaptureFileHelper
{
    public sealed record Decoded(DecodeResult Result, TransportKind Transport, NetEndpoint Source, NetEndpoint Destination, bool Tunnelled, bool Reassembled, byte[] Payload);

    public static List<Decoded> DecodeAll(string relative, FrameDecoder? decoder = null)
    {
        var list = new List<Decoded>();
        using var source = new PcapFileSource(TestPaths.Shared(relative));
        using var owned = decoder is null ? new FrameDecoder() : null;
        var d = decoder ?? owned!;
        while (source.Read(out var frame) == PacketReadStatus.Packet)
        {
            var result = d.Decode(source.Link, frame.Data, frame.TimestampTicks, out var packet);
            list.Add(new Decoded(result, packet.Transport, packet.SourceEndpoint, packet.DestinationEndpoint, packet.Tunnelled, packet.Reassembled, packet.Payload.ToArray()));
        }

        return list;
    }
}
