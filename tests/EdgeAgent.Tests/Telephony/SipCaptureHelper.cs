using EdgeCc.Agent.Capture;
using EdgeCc.Agent.Telephony;

namespace EdgeCc.Agent.Tests.Telephony;

/// <summary>Pulls every SIP message out of a real capture: libpcap, the frame decoder, UDP parsing and TCP reassembly.</summary>
internal static class SipCaptureHelper
{
    public static (List<SipMessage> Messages, TelephonyCounters Counters) Read(string relative)
    {
        var counters = new TelephonyCounters();
        var messages = new List<SipMessage>();
        var failures = new List<SipParseResult>();
        var tcp = new SipStreamReassembler(counters);
        using var source = new PcapFileSource(TestPaths.Shared(relative));
        using var decoder = new FrameDecoder();
        while (source.Read(out var frame) == PacketReadStatus.Packet)
        {
            if (decoder.Decode(source.Link, frame.Data, frame.TimestampTicks, out var packet) != DecodeResult.Ok)
            {
                continue;
            }

            if (packet.Transport == TransportKind.Tcp)
            {
                tcp.Add(packet, messages, failures);
            }
            else if (SipSniffer.LooksLikeSip(packet.Payload))
            {
                var result = SipParser.Parse(packet.Payload, stream: false, out var message, out _);
                if (result == SipParseResult.Ok)
                {
                    messages.Add(message!);
                }
                else
                {
                    failures.Add(result);
                }
            }
        }

        foreach (var failure in failures)
        {
            counters.Add(TelephonyCounters.FromSip(failure)!.Value);
        }

        return (messages, counters);
    }

    public static Dictionary<string, int> Tally(IEnumerable<SipMessage> messages)
    {
        var tally = new Dictionary<string, int>();
        foreach (var m in messages)
        {
            var key = m.Method ?? m.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            tally[key] = tally.GetValueOrDefault(key) + 1;
        }

        return tally;
    }
}
