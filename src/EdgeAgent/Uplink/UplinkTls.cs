using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;

namespace EdgeCc.Agent.Uplink;

/// <summary>
/// TLS for MQTT clients from <see cref="UplinkOptions.Tls"/>: the broker's certificate checked
/// against the configured CA only (or the system store), the name checked, and the client
/// certificate presented for mutual TLS. Files are read at every connect, so renewed certificates
/// need no restart.
/// </summary>
internal static class UplinkTls
{
    public static MqttClientOptionsBuilder WithUplinkTls(this MqttClientOptionsBuilder builder, UplinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrEmpty(options.Username))
        {
            builder.WithCredentials(options.Username, options.Password ?? "");
        }

        if (!options.Tls.Enabled)
        {
            return builder;
        }

        var t = options.Tls;
        X509Certificate2Collection? trust = null;
        if (!string.IsNullOrEmpty(t.CaFile))
        {
            trust = new X509Certificate2Collection();
            trust.ImportFromPemFile(t.CaFile);
        }

        X509Certificate2? client = null;
        if (!string.IsNullOrEmpty(t.ClientCertFile) && !string.IsNullOrEmpty(t.ClientKeyFile))
        {
            client = X509Certificate2.CreateFromPemFile(t.ClientCertFile, t.ClientKeyFile);
        }

        return builder.WithTlsOptions(tls =>
        {
            tls.UseTls().WithTargetHost(string.IsNullOrEmpty(t.ServerName) ? options.BrokerHost : t.ServerName);
            tls.WithCertificateValidationHandler(e => IsTrusted(e.Certificate, e.SslPolicyErrors, trust));
            if (client is not null)
            {
                tls.WithClientCertificates([client]);
            }
        });
    }

    /// <summary>
    /// With a configured CA only chains to that CA count (a private PKI must not be bypassed by a
    /// public certificate); the name must match either way.
    /// </summary>
    internal static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection? trust)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        if (trust is null)
        {
            return errors == SslPolicyErrors.None;
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trust);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}
