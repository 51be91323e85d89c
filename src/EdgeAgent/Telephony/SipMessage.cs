namespace EdgeCc.Agent.Telephony;

/// <summary>
/// One parsed SIP request or response (RFC 3261 §7). Header names are stored in their long
/// form, lower case, so compact forms (§7.3.3) and case differences compare equal.
/// </summary>
internal sealed class SipMessage
{
    private readonly List<KeyValuePair<string, string>> _headers;

    public SipMessage(string? method, string? requestUri, int statusCode, List<KeyValuePair<string, string>> headers, byte[] body)
    {
        Method = method;
        RequestUri = requestUri;
        StatusCode = statusCode;
        _headers = headers;
        Body = body;
        CallId = Header("call-id") ?? string.Empty;
        var cseq = Header("cseq");
        if (cseq is not null)
        {
            var space = cseq.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && long.TryParse(cseq.AsSpan(0, space), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                CSeq = number;
                CSeqMethod = cseq[(space + 1)..].Trim();
            }
        }
    }

    public bool IsRequest => Method is not null;

    /// <summary>Request method (upper case as sent), or null for a response.</summary>
    public string? Method { get; }

    public string? RequestUri { get; }

    /// <summary>Response status, 0 for a request.</summary>
    public int StatusCode { get; }

    public string CallId { get; }

    public long CSeq { get; }

    public string CSeqMethod { get; } = string.Empty;

    public byte[] Body { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers => _headers;

    public string? From => Header("from");

    public string? To => Header("to");

    public string? ContentType => Header("content-type");

    public string? FromTag => SipUri.Tag(From);

    public string? ToTag => SipUri.Tag(To);

    /// <summary>The first value of a header (long name, lower case).</summary>
    public string? Header(string name)
    {
        foreach (var pair in _headers)
        {
            if (string.Equals(pair.Key, name, StringComparison.Ordinal))
            {
                return pair.Value;
            }
        }

        return null;
    }
}
