using System.Text;

namespace EdgeCc.Agent.Telephony;

/// <summary>Finds the SDP in a message body, also inside multipart bodies (RFC 5621, RFC 2046 §5.1).</summary>
internal static class SipBody
{
    public static ReadOnlyMemory<byte> FindSdp(SipMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Body.Length == 0)
        {
            return default;
        }

        var contentType = message.ContentType;
        if (contentType is null || contentType.StartsWith("application/sdp", StringComparison.OrdinalIgnoreCase))
        {
            return message.Body;
        }

        if (!contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            return default;
        }

        var boundary = SipUri.Parameter(">" + contentType, "boundary")?.Trim('"');
        return string.IsNullOrEmpty(boundary) ? default : FindPart(message.Body, boundary);
    }

    private static ReadOnlyMemory<byte> FindPart(byte[] body, string boundary)
    {
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var span = body.AsSpan();
        var position = span.IndexOf(delimiter);
        while (position >= 0)
        {
            var partStart = position + delimiter.Length;
            if (partStart + 2 <= body.Length && span[partStart] == '-' && span[partStart + 1] == '-')
            {
                return default; // closing delimiter
            }

            var next = span[partStart..].IndexOf(delimiter);
            var partEnd = next >= 0 ? partStart + next : body.Length;
            var part = span[partStart..partEnd];
            var headerEnd = part.IndexOf("\r\n\r\n"u8);
            var separator = 4;
            if (headerEnd < 0)
            {
                headerEnd = part.IndexOf("\n\n"u8);
                separator = 2;
            }

            if (headerEnd >= 0)
            {
                var headers = Encoding.ASCII.GetString(part[..headerEnd]);
                if (headers.Contains("application/sdp", StringComparison.OrdinalIgnoreCase))
                {
                    var content = part[(headerEnd + separator)..];
                    // The CRLF before the next delimiter belongs to the delimiter (RFC 2046 §5.1.1).
                    var length = content.Length;
                    if (length >= 2 && content[length - 2] == '\r' && content[length - 1] == '\n')
                    {
                        length -= 2;
                    }

                    return body.AsMemory(partStart + headerEnd + separator, length);
                }
            }

            position = next >= 0 ? partEnd : -1;
        }

        return default;
    }
}
