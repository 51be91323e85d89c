using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Uplink;

/// <summary>
/// Turns a caller number into a stable pseudonymous key: HMAC-SHA256 under the organisation's
/// secret, so central can count repeat callers without ever seeing a number, and a stolen
/// database cannot be reversed by hashing every possible number (a plain hash could be).
/// Numbers are normalised first (digits and a leading '+', user part of a SIP URI), so
/// <c>sip:+49 30 1234@pbx</c> and <c>+49301234</c> give the same key.
/// </summary>
internal sealed class CallerKey
{
    public const string Prefix = "ck1_";
    private readonly byte[]? _secret;

    /// <summary>From configuration: without a secret there are no keys (<see cref="For"/> returns null).</summary>
    public CallerKey(IOptions<PrivacyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var secret = options.Value.CallerKeySecret;
        _secret = secret.Length == 0 ? null : Checked(Encoding.UTF8.GetBytes(secret));
    }

    public CallerKey(byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        _secret = Checked((byte[])secret.Clone());
    }

    public bool Enabled => _secret is not null;

    /// <summary>The key for <paramref name="callerNumber"/>, or null when it holds no digits (anonymous caller).</summary>
    public string? For(string? callerNumber)
    {
        if (_secret is null || string.IsNullOrEmpty(callerNumber))
        {
            return null;
        }

        Span<byte> normalised = stackalloc byte[64];
        var length = Normalise(callerNumber, normalised);
        if (length == 0)
        {
            return null;
        }

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_secret, normalised[..length], mac);
        return Prefix + Convert.ToHexStringLower(mac);
    }

    public override string ToString() => "CallerKey(secret hidden)";

    private static byte[] Checked(byte[] secret) => secret.Length >= 32
        ? secret
        : throw new ArgumentException($"{PrivacyOptions.Section}:CallerKeySecret must be at least 32 bytes", nameof(secret));

    private static int Normalise(string number, Span<byte> into)
    {
        var span = number.AsSpan();
        if (span.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || span.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
        {
            span = span[4..];
        }
        else if (span.StartsWith("sips:", StringComparison.OrdinalIgnoreCase))
        {
            span = span[5..];
        }

        var at = span.IndexOfAny('@', ';');
        if (at >= 0)
        {
            span = span[..at];
        }

        var n = 0;
        foreach (var c in span)
        {
            if (n == into.Length)
            {
                break;
            }

            if (char.IsAsciiDigit(c) || (c == '+' && n == 0))
            {
                into[n++] = (byte)c;
            }
        }

        return n == 1 && into[0] == (byte)'+' ? 0 : n;
    }
}
