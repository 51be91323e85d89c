using System.Diagnostics;

namespace EdgeCc.Agent.Tests.Uplink;

/// <summary>
/// A test CA with a server certificate for 127.0.0.1/localhost and a client certificate, plus a
/// rogue CA with its own client certificate, made with the openssl CLI (EC P-256: fast to make).
/// </summary>
internal sealed class TestPki
{
    private const string OpenSsl = "/usr/bin/openssl";

    private TestPki(string dir)
    {
        Directory = dir;
    }

    public string Directory { get; }

    public string CaCert => P("ca.crt");

    public string ServerCert => P("server.crt");

    public string ServerKey => P("server.key");

    public string ClientCert => P("client.crt");

    public string ClientKey => P("client.key");

    public string RogueCaCert => P("rogue-ca.crt");

    public string RogueClientCert => P("rogue-client.crt");

    public string RogueClientKey => P("rogue-client.key");

    public static async Task<TestPki> CreateAsync(string dir)
    {
        TestPaths.RequireFile(OpenSsl, "openssl");
        System.IO.Directory.CreateDirectory(dir);
        var pki = new TestPki(dir);
        await File.WriteAllTextAsync(pki.P("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
        await File.WriteAllTextAsync(pki.P("client.ext"), "extendedKeyUsage=clientAuth\n");
        await pki.CaAsync("ca", "EdgeCc Test CA");
        await pki.CaAsync("rogue-ca", "Rogue CA");
        await pki.LeafAsync("server", "localhost", "ca", "server.ext");
        await pki.LeafAsync("client", "edgecc-test-device", "ca", "client.ext");
        await pki.LeafAsync("rogue-client", "edgecc-test-device", "rogue-ca", "client.ext");
        return pki;
    }

    private string P(string name) => Path.Combine(Directory, name);

    private Task CaAsync(string name, string cn) => RunAsync(
        "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", P(name + ".key"), "-out", P(name + ".crt"), "-days", "2", "-subj", "/CN=" + cn);

    private async Task LeafAsync(string name, string cn, string ca, string ext)
    {
        await RunAsync("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", P(name + ".key"), "-out", P(name + ".csr"), "-subj", "/CN=" + cn);
        await RunAsync("x509", "-req", "-in", P(name + ".csr"), "-CA", P(ca + ".crt"), "-CAkey", P(ca + ".key"),
            "-CAcreateserial", "-out", P(name + ".crt"), "-days", "2", "-extfile", P(ext));
    }

    private static async Task RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(OpenSsl, args) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var p = Process.Start(start)!;
        var err = p.StandardError.ReadToEndAsync();
        _ = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException("openssl " + string.Join(' ', args) + " failed: " + await err);
        }
    }
}
