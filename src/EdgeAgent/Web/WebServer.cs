using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Web;

/// <summary>
/// Kestrel inside the one generic host, without the ASP.NET middleware stack: a handful of fixed
/// routes do not need routing, and the appliance keeps a single host whose start and stop order
/// the composition root decides.
/// </summary>
internal sealed class WebServer(IOptions<WebOptions> options, WebRequestHandler handler, ILogger<WebServer> logger)
    : IHostedService, IHttpApplication<HttpContext>, IDisposable
{
    private KestrelServer? _server;

    /// <summary>The addresses Kestrel actually listens on (a configured port 0 shows the port it got).</summary>
    public IReadOnlyList<string> Addresses { get; private set; } = [];

    public static IEnumerable<string> SplitUrls(string urls)
        => (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Fails with one line naming the address when another process already listens there. Called
    /// before the host starts: a bind failure inside the host's start is logged by the host with
    /// stack traces of every service it then stops, which buries the one fact that matters.
    /// </summary>
    public static void EnsureAddressesFree(WebOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.Enabled)
        {
            return;
        }

        foreach (var url in SplitUrls(settings.Urls))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Port == 0)
            {
                continue;
            }

            IPAddress? address = uri.IsLoopback && uri.HostNameType == UriHostNameType.Dns ? IPAddress.Loopback
                : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var parsed) ? parsed
                : uri.Host is "*" or "+" or "0.0.0.0" ? IPAddress.Any
                : null;
            if (address is null)
            {
                continue;
            }

            using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                probe.Bind(new IPEndPoint(address, uri.Port));
                probe.Listen();
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                throw new IOException($"cannot listen on {url}: address already in use (set {WebOptions.Section}:Urls to a free address)", ex);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.AccessDenied)
            {
                throw new IOException($"cannot listen on {url}: {ex.Message} (set {WebOptions.Section}:Urls)", ex);
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        // Kestrel's own logging would print "Unable to start Kestrel" with a stack trace for a port
        // in use; the error below says it in one line instead.
        var kestrel = new KestrelServerOptions { AddServerHeader = false };
        kestrel.Limits.MaxRequestBodySize = 16 * 1024;
        var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), NullLoggerFactory.Instance);
        _server = new KestrelServer(Options.Create(kestrel), transport, NullLoggerFactory.Instance);
        var addresses = _server.Features.Get<IServerAddressesFeature>()!;
        foreach (var url in SplitUrls(settings.Urls))
        {
            addresses.Addresses.Add(url);
        }

        try
        {
            await _server.StartAsync(this, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            _server.Dispose();
            _server = null;
            throw new IOException($"{ex.Message.TrimEnd('.')} (set {WebOptions.Section}:Urls to a free address)", ex);
        }

        Addresses = [.. addresses.Addresses];
        WebLog.Listening(logger, string.Join(", ", Addresses));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        handler.Stop();
        if (_server is { } server)
        {
            await server.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _server?.Dispose();

    HttpContext IHttpApplication<HttpContext>.CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

    Task IHttpApplication<HttpContext>.ProcessRequestAsync(HttpContext context) => handler.HandleAsync(context);

    void IHttpApplication<HttpContext>.DisposeContext(HttpContext context, Exception? exception)
    {
    }
}
