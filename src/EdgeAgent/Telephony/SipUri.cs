namespace EdgeCc.Agent.Telephony;

/// <summary>Small helpers over name-addr / addr-spec header values (RFC 3261 §20.10, §25.1).</summary>
internal static class SipUri
{
    /// <summary>The URI inside a From/To/Contact/Refer-To value, without display name or header params.</summary>
    public static string? Uri(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var open = value.IndexOf('<', StringComparison.Ordinal);
        if (open >= 0)
        {
            var close = value.IndexOf('>', open + 1);
            return close > open ? value[(open + 1)..close].Trim() : null;
        }

        var semicolon = value.IndexOf(';', StringComparison.Ordinal);
        return (semicolon >= 0 ? value[..semicolon] : value).Trim();
    }

    /// <summary>The user part of a sip:/sips:/tel: URI (the extension or number), without parameters.</summary>
    public static string? User(string? uri)
    {
        if (string.IsNullOrEmpty(uri))
        {
            return null;
        }

        var colon = uri.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }

        var rest = uri.AsSpan(colon + 1);
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            rest = rest[..at];
        }
        else if (!uri.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var end = rest.IndexOfAny(';', '?');
        if (end >= 0)
        {
            rest = rest[..end];
        }

        return rest.Length == 0 ? null : rest.ToString();
    }

    /// <summary>user@host of a URI, lower-cased host, without scheme, port and parameters: the form agents are configured with.</summary>
    public static string? AddressOfRecord(string? uri)
    {
        if (string.IsNullOrEmpty(uri))
        {
            return null;
        }

        var colon = uri.IndexOf(':', StringComparison.Ordinal);
        var rest = colon >= 0 ? uri[(colon + 1)..] : uri;
        var end = rest.IndexOfAny([';', '?', '>']);
        if (end >= 0)
        {
            rest = rest[..end];
        }

        var at = rest.IndexOf('@', StringComparison.Ordinal);
        var host = at >= 0 ? rest[(at + 1)..] : rest;
        var portColon = host.LastIndexOf(':');
        if (portColon > 0 && !host.EndsWith(']') && host.IndexOf(':') == portColon)
        {
            host = host[..portColon];
        }

        return at >= 0 ? rest[..at] + "@" + host.ToLowerInvariant() : host.ToLowerInvariant();
    }

    /// <summary>The tag parameter of a From/To value (outside the angle brackets).</summary>
    public static string? Tag(string? value) => Parameter(value, "tag");

    public static string? Parameter(string? value, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var close = value.LastIndexOf('>');
        var search = close >= 0 ? value.AsSpan(close + 1) : value.AsSpan();
        while (true)
        {
            var semicolon = search.IndexOf(';');
            if (semicolon < 0)
            {
                return null;
            }

            search = search[(semicolon + 1)..].TrimStart();
            var end = search.IndexOf(';');
            var param = end >= 0 ? search[..end] : search;
            var equals = param.IndexOf('=');
            var key = (equals >= 0 ? param[..equals] : param).Trim();
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return equals >= 0 ? param[(equals + 1)..].Trim().ToString() : string.Empty;
            }
        }
    }
}
