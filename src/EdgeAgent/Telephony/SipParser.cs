using System.Globalization;
using System.Text;

namespace EdgeCc.Agent.Telephony;

/// <summary>
/// Parses SIP messages (RFC 3261 §7) from a UDP datagram or the front of a TCP stream buffer.
/// Never throws on bad input: the result says what was wrong.
/// </summary>
internal static class SipParser
{
    public const int MaxMessage = 64 * 1024;

    private static readonly byte[] SipVersion = "SIP/2.0"u8.ToArray();

    /// <summary>
    /// Parses one message from the front of <paramref name="data"/>. With <paramref name="stream"/>
    /// (TCP) the message ends where Content-Length says and <see cref="SipParseResult.Incomplete"/>
    /// means "wait for more bytes"; <paramref name="consumed"/> then counts the bytes to drop.
    /// </summary>
    public static SipParseResult Parse(ReadOnlySpan<byte> data, bool stream, out SipMessage? message, out int consumed)
    {
        message = null;
        consumed = 0;

        // Keep-alive CRLFs between messages on a stream (RFC 5626 §3.5.1) are not messages.
        var start = 0;
        while (start < data.Length && (data[start] == '\r' || data[start] == '\n'))
        {
            start++;
        }

        if (start == data.Length)
        {
            consumed = start;
            return SipParseResult.Incomplete;
        }

        var text = data[start..];
        var headerEnd = FindHeaderEnd(text, out var separatorLength);
        if (headerEnd < 0)
        {
            if (stream)
            {
                if (text.Length > MaxMessage)
                {
                    consumed = data.Length;
                    return SipParseResult.TooLarge;
                }

                if (!LooksLikeStartLine(text))
                {
                    consumed = data.Length;
                    return SipParseResult.NotSip;
                }

                consumed = start;
                return SipParseResult.Incomplete;
            }

            headerEnd = text.Length;
            separatorLength = 0;
        }

        var firstLineEnd = text.IndexOf((byte)'\n');
        if (firstLineEnd < 0 || firstLineEnd > headerEnd)
        {
            firstLineEnd = headerEnd;
        }

        var firstLine = TrimCr(text[..firstLineEnd]);
        string? method = null;
        string? requestUri = null;
        var status = 0;
        if (firstLine.StartsWith(SipVersion) && firstLine.Length > SipVersion.Length && firstLine[SipVersion.Length] == ' ')
        {
            var rest = firstLine[(SipVersion.Length + 1)..];
            if (rest.Length < 3 || !TryDigits(rest[..3], out status) || status < 100 || status > 699 || (rest.Length > 3 && rest[3] != ' '))
            {
                consumed = stream ? data.Length : 0;
                return SipParseResult.BadStartLine;
            }
        }
        else if (firstLine.EndsWith(SipVersion))
        {
            var firstSpace = firstLine.IndexOf((byte)' ');
            var lastSpace = firstLine.LastIndexOf((byte)' ');
            if (firstSpace <= 0 || lastSpace <= firstSpace + 1)
            {
                consumed = stream ? data.Length : 0;
                return SipParseResult.BadStartLine;
            }

            var methodBytes = firstLine[..firstSpace];
            foreach (var b in methodBytes)
            {
                if (b is < (byte)'!' or > (byte)'~')
                {
                    consumed = stream ? data.Length : 0;
                    return SipParseResult.BadStartLine;
                }
            }

            method = Encoding.ASCII.GetString(methodBytes);
            requestUri = Encoding.UTF8.GetString(firstLine[(firstSpace + 1)..lastSpace]);
        }
        else
        {
            consumed = stream ? data.Length : 0;
            return SipParseResult.NotSip;
        }

        var headers = new List<KeyValuePair<string, string>>(16);
        var contentLength = -1;
        var lines = firstLineEnd < headerEnd ? text[(firstLineEnd + 1)..headerEnd] : default;
        while (!lines.IsEmpty)
        {
            var newline = lines.IndexOf((byte)'\n');
            var line = TrimCr(newline >= 0 ? lines[..newline] : lines);
            lines = newline >= 0 ? lines[(newline + 1)..] : default;
            if (line.IsEmpty)
            {
                continue;
            }

            if (line[0] is (byte)' ' or (byte)'\t')
            {
                // Header folding (RFC 3261 §7.3.1): the line continues the previous value.
                if (headers.Count == 0)
                {
                    consumed = stream ? data.Length : 0;
                    return SipParseResult.BadHeader;
                }

                var last = headers[^1];
                headers[^1] = new(last.Key, last.Value + " " + Encoding.UTF8.GetString(line).Trim());
                continue;
            }

            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                consumed = stream ? data.Length : 0;
                return SipParseResult.BadHeader;
            }

            var name = SipHeaderNames.Canonical(Encoding.ASCII.GetString(line[..colon]).Trim());
            var value = Encoding.UTF8.GetString(line[(colon + 1)..]).Trim();
            if (name == "content-length")
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out contentLength) || contentLength > MaxMessage)
                {
                    consumed = stream ? data.Length : 0;
                    return SipParseResult.BadContentLength;
                }
            }

            headers.Add(new(name, value));
        }

        var bodyStart = headerEnd + separatorLength;
        var available = text.Length - bodyStart;
        int bodyLength;
        if (contentLength < 0)
        {
            // On a stream Content-Length is mandatory (§18.3); treat a missing one as no body.
            bodyLength = stream ? 0 : available;
        }
        else if (contentLength > available)
        {
            if (stream)
            {
                consumed = start;
                return SipParseResult.Incomplete;
            }

            return SipParseResult.BodyShorterThanContentLength;
        }
        else
        {
            bodyLength = contentLength;
        }

        consumed = start + bodyStart + bodyLength;
        var body = bodyLength == 0 ? [] : text.Slice(bodyStart, bodyLength).ToArray();
        var parsed = new SipMessage(method, requestUri, status, headers, body);
        if (parsed.CallId.Length == 0 || parsed.CSeqMethod.Length == 0)
        {
            return SipParseResult.MissingRequiredHeader;
        }

        message = parsed;
        return SipParseResult.Ok;
    }

    private static bool LooksLikeStartLine(ReadOnlySpan<byte> text)
    {
        if (text.StartsWith(SipVersion))
        {
            return true;
        }

        var newline = text.IndexOf((byte)'\n');
        if (newline >= 0)
        {
            return TrimCr(text[..newline]).EndsWith(SipVersion);
        }

        // No full line yet: a method token in capitals is still plausible.
        foreach (var b in text)
        {
            if (b == ' ')
            {
                return true;
            }

            if (b is < (byte)'A' or > (byte)'Z')
            {
                return false;
            }
        }

        return true;
    }

    private static int FindHeaderEnd(ReadOnlySpan<byte> text, out int separatorLength)
    {
        var crlf = text.IndexOf("\r\n\r\n"u8);
        var lf = text.IndexOf("\n\n"u8);
        if (crlf >= 0 && (lf < 0 || crlf < lf))
        {
            separatorLength = 4;
            return crlf;
        }

        separatorLength = 2;
        return lf;
    }

    private static ReadOnlySpan<byte> TrimCr(ReadOnlySpan<byte> line) =>
        !line.IsEmpty && line[^1] == '\r' ? line[..^1] : line;

    private static bool TryDigits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }
}
