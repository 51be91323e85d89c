namespace EdgeCc.Agent.Telephony;

/// <summary>Header names in one form: long, lower case (compact forms from RFC 3261 §7.3.3 and later RFCs).</summary>
internal static class SipHeaderNames
{
    public static string Canonical(string name)
    {
        if (name.Length == 1)
        {
            return char.ToLowerInvariant(name[0]) switch
            {
                'i' => "call-id",
                'f' => "from",
                't' => "to",
                'm' => "contact",
                'v' => "via",
                'l' => "content-length",
                'c' => "content-type",
                'e' => "content-encoding",
                'k' => "supported",
                's' => "subject",
                'o' => "event",
                'r' => "refer-to",
                'b' => "referred-by",
                'x' => "session-expires",
                'u' => "allow-events",
                'a' => "accept-contact",
                'j' => "reject-contact",
                'd' => "request-disposition",
                'y' => "identity",
                _ => name.ToLowerInvariant(),
            };
        }

        return name.ToLowerInvariant();
    }
}
