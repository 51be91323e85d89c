namespace EdgeCc.Agent.Uplink;

/// <summary>Section <c>Uplink:Tls</c>. Files are PEM and re-read at every connect, so renewed certificates need no restart.</summary>
internal sealed class UplinkTlsOptions
{
    public bool Enabled { get; set; }

    /// <summary>CA that signed the broker's certificate; when set, only it is trusted. When empty, the system store is used.</summary>
    public string? CaFile { get; set; }

    /// <summary>Client certificate (PEM) for brokers that require one; needs <see cref="ClientKeyFile"/>.</summary>
    public string? ClientCertFile { get; set; }

    public string? ClientKeyFile { get; set; }

    /// <summary>Name checked against the broker certificate; defaults to <c>Uplink:BrokerHost</c>.</summary>
    public string? ServerName { get; set; }
}
