using System.Globalization;
using System.Text;
using EdgeCc.Agent.Capture;

namespace EdgeCc.Agent.Telephony;

/// <summary>Reads the parts of SDP (RFC 4566) needed to find and decode RTP; tolerant of unknown lines.</summary>
internal static class SdpParser
{
    public static SdpParseResult Parse(ReadOnlySpan<byte> body, out SdpSession? session)
    {
        session = null;
        if (body.IsEmpty)
        {
            return SdpParseResult.Empty;
        }

        var text = Encoding.UTF8.GetString(body);
        var result = new SdpSession();
        SdpMedia? media = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r', ' ');
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Length < 2 || line[1] != '=')
            {
                return SdpParseResult.BadLine;
            }

            var value = line[2..];
            switch (line[0])
            {
                case 'c':
                    if (!TryConnection(value, out var address))
                    {
                        return SdpParseResult.BadConnection;
                    }

                    if (media is null)
                    {
                        result.Connection = address;
                    }
                    else
                    {
                        media.Connection = address;
                    }

                    break;
                case 'm':
                    media = ParseMedia(value);
                    if (media is null)
                    {
                        return SdpParseResult.BadMedia;
                    }

                    result.Media.Add(media);
                    break;
                case 'a':
                    ParseAttribute(value, result, media);
                    break;
                default:
                    break;
            }
        }

        if (result.Media.Count == 0)
        {
            return SdpParseResult.NoMedia;
        }

        session = result;
        return SdpParseResult.Ok;
    }

    private static bool TryConnection(string value, out NetAddress address)
    {
        // c=<nettype> <addrtype> <connection-address>[/ttl][/count]
        address = default;
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3 || !string.Equals(parts[0], "IN", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var host = parts[2];
        var slash = host.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            host = host[..slash];
        }

        return NetAddress.TryParse(host, out address);
    }

    private static SdpMedia? ParseMedia(string value)
    {
        // m=<media> <port>[/<count>] <proto> <fmt> ...
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3)
        {
            return null;
        }

        var portText = parts[1];
        var slash = portText.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            portText = portText[..slash];
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return null;
        }

        var media = new SdpMedia { Kind = parts[0], Port = port, Protocol = parts[2] };
        for (var i = 3; i < parts.Length; i++)
        {
            if (int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var pt) && pt <= 127)
            {
                media.PayloadTypes.Add(pt);
            }
        }

        return media;
    }

    private static void ParseAttribute(string value, SdpSession session, SdpMedia? media)
    {
        MediaDirection? direction = value switch
        {
            "sendrecv" => MediaDirection.SendRecv,
            "sendonly" => MediaDirection.SendOnly,
            "recvonly" => MediaDirection.RecvOnly,
            "inactive" => MediaDirection.Inactive,
            _ => null,
        };
        if (direction is not null)
        {
            if (media is null)
            {
                session.Direction = direction;
            }
            else
            {
                media.Direction = direction;
            }

            return;
        }

        if (media is null)
        {
            return;
        }

        if (value.StartsWith("rtpmap:", StringComparison.OrdinalIgnoreCase))
        {
            // a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]
            var body = value.AsSpan(7);
            var space = body.IndexOf(' ');
            if (space <= 0 || !int.TryParse(body[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var pt) || pt > 127)
            {
                return;
            }

            var encoding = body[(space + 1)..].Trim().ToString().Split('/');
            if (encoding.Length < 2 || !int.TryParse(encoding[1], NumberStyles.None, CultureInfo.InvariantCulture, out var clock) || clock == 0)
            {
                return;
            }

            var channels = encoding.Length > 2 && int.TryParse(encoding[2], NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : 1;
            media.RtpMaps[pt] = new RtpMap(pt, encoding[0], clock, channels);
        }
        else if (value.StartsWith("ptime:", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(value.AsSpan(6).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var ptime) && ptime is > 0 and <= 1000)
        {
            media.PacketTimeMilliseconds = ptime;
        }
    }
}
