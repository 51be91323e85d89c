using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Web;

/// <summary>
/// The routes: <c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c>, the wallboard page and its
/// assets, <c>/api/wallboard</c> (the view as JSON), <c>/events</c> (the view pushed by
/// Server-Sent Events) and <c>POST /api/alerts/{id}/acknowledge</c> (PIN required).
/// </summary>
internal sealed class WebRequestHandler(
    IOptions<WebOptions> options,
    WallboardFeed feed,
    BoxHealth health,
    MetricsWriter metrics,
    IEnumerable<IAlertAcknowledger> acknowledgers,
    TimeProvider time,
    ILogger<WebRequestHandler> logger)
{
    /// <summary>Wrong PINs allowed per <see cref="PinWindow"/> before every acknowledge is refused for the rest of it.</summary>
    public const int MaxWrongPins = 5;

    private const string AcknowledgePrefix = "/api/alerts/";
    private const string AcknowledgeSuffix = "/acknowledge";
    private const int MaxByLength = 40;
    private static readonly TimeSpan PinWindow = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(150);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly ConcurrentDictionary<string, byte[]> Assets = new(StringComparer.Ordinal);

    private readonly IAlertAcknowledger[] _acknowledgers = [.. acknowledgers];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _pinGate = new();
    private readonly Queue<DateTimeOffset> _wrongPins = new();

    /// <summary>Ends every open event stream, so Kestrel can stop without waiting for browsers.</summary>
    public void Stop() => _stopping.Cancel();

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        try
        {
            var get = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
            switch (path)
            {
                case "/healthz" when get:
                    await Text(context, StatusCodes.Status200OK, "ok\n").ConfigureAwait(false);
                    return;
                case "/readyz" when get:
                    var reasons = health.NotReady();
                    await Text(context, reasons.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, reasons.Count == 0 ? "ready\n" : string.Join('\n', reasons) + "\n").ConfigureAwait(false);
                    return;
                case "/metrics" when get:
                    await Text(context, StatusCodes.Status200OK, metrics.Write(), MetricsWriter.ContentType).ConfigureAwait(false);
                    return;
                case "/" or "/index.html" when get:
                    await Asset(context, "index.html", "text/html; charset=utf-8").ConfigureAwait(false);
                    return;
                case "/wallboard.css" when get:
                    await Asset(context, "wallboard.css", "text/css; charset=utf-8").ConfigureAwait(false);
                    return;
                case "/wallboard.js" when get:
                    await Asset(context, "wallboard.js", "text/javascript; charset=utf-8").ConfigureAwait(false);
                    return;
                case "/api/wallboard" when get:
                    await JsonBody(context, StatusCodes.Status200OK, View()).ConfigureAwait(false);
                    return;
                case "/events" when get:
                    await StreamAsync(context).ConfigureAwait(false);
                    return;
            }

            if (path.StartsWith(AcknowledgePrefix, StringComparison.Ordinal) && path.EndsWith(AcknowledgeSuffix, StringComparison.Ordinal))
            {
                if (!HttpMethods.IsPost(request.Method))
                {
                    await Text(context, StatusCodes.Status405MethodNotAllowed, "POST only\n").ConfigureAwait(false);
                    return;
                }

                var alertId = path[AcknowledgePrefix.Length..^AcknowledgeSuffix.Length];
                await AcknowledgeAsync(context, alertId).ConfigureAwait(false);
                return;
            }

            await Text(context, StatusCodes.Status404NotFound, "not found\n").ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || _stopping.IsCancellationRequested)
        {
            // The browser went away or the box is stopping.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            WebLog.RequestFailed(logger, path, ex);
            if (!context.Response.HasStarted)
            {
                await Text(context, StatusCodes.Status500InternalServerError, "internal error\n").ConfigureAwait(false);
            }
        }
    }

    private WallboardView View()
        => feed.View(options.Value.StaleAfterSeconds, options.Value.AcknowledgePin is not null, health.Components());

    private async Task StreamAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        var token = cancel.Token;
        var heartbeat = TimeSpan.FromSeconds(options.Value.HeartbeatSeconds);
        metrics.SseClientConnected();
        try
        {
            // retry: how long EventSource waits before reconnecting after the box went away.
            await response.WriteAsync("retry: 1000\n\n", token).ConfigureAwait(false);
            while (!token.IsCancellationRequested)
            {
                var changed = feed.WhenChanged;
                var json = JsonSerializer.Serialize(View(), Json);
                await response.WriteAsync("event: floor\ndata: " + json + "\n\n", token).ConfigureAwait(false);
                await response.Body.FlushAsync(token).ConfigureAwait(false);

                using var wait = CancellationTokenSource.CreateLinkedTokenSource(token);
                var tick = Task.Delay(heartbeat, time, wait.Token);
                if (await Task.WhenAny(changed, tick).ConfigureAwait(false) == changed)
                {
                    await wait.CancelAsync().ConfigureAwait(false);

                    // A call start or a burst of detections arrives as several changes at once: one push for them.
                    await Task.Delay(Coalesce, time, token).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            metrics.SseClientDisconnected();
        }
    }

    private async Task AcknowledgeAsync(HttpContext context, string alertId)
    {
        // Only JSON: a cross-site form or text/plain POST (no CORS preflight) never reaches the PIN check.
        if (context.Request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            await Refuse(context, alertId, StatusCodes.Status415UnsupportedMediaType, "send the PIN as application/json").ConfigureAwait(false);
            return;
        }

        var pin = options.Value.AcknowledgePin;
        AcknowledgeRequest? body = null;
        try
        {
            body = await JsonSerializer.DeserializeAsync<AcknowledgeRequest>(context.Request.Body, Json, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            // Treated as no PIN below.
        }

        if (pin is null)
        {
            await Refuse(context, alertId, StatusCodes.Status403Forbidden, "acknowledging is off: no Web:AcknowledgePin is configured").ConfigureAwait(false);
            return;
        }

        if (TooManyWrongPins())
        {
            await Refuse(context, alertId, StatusCodes.Status429TooManyRequests, "too many wrong PINs; wait a minute").ConfigureAwait(false);
            return;
        }

        if (body?.Pin is not { } given || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(pin)))
        {
            CountWrongPin();
            await Refuse(context, alertId, StatusCodes.Status403Forbidden, body?.Pin is null ? "PIN required" : "wrong PIN").ConfigureAwait(false);
            return;
        }

        var by = string.IsNullOrWhiteSpace(body.By) ? "supervisor" : body.By.Trim();
        by = by.Length > MaxByLength ? by[..MaxByLength] : by;
        var alert = feed.Acknowledge(alertId, by);
        if (alert is null)
        {
            await Refuse(context, alertId, StatusCodes.Status404NotFound, "no such open alert").ConfigureAwait(false);
            return;
        }

        foreach (var acknowledger in _acknowledgers)
        {
            acknowledger.Acknowledge(alert.AlertId, alert.AgentId, by);
        }

        WebLog.Acknowledged(logger, alert.AlertId, alert.AgentId, by);
        await JsonBody(context, StatusCodes.Status200OK, alert).ConfigureAwait(false);
    }

    private bool TooManyWrongPins()
    {
        lock (_pinGate)
        {
            var now = time.GetUtcNow();
            while (_wrongPins.Count > 0 && now - _wrongPins.Peek() > PinWindow)
            {
                _wrongPins.Dequeue();
            }

            return _wrongPins.Count >= MaxWrongPins;
        }
    }

    private void CountWrongPin()
    {
        lock (_pinGate)
        {
            _wrongPins.Enqueue(time.GetUtcNow());
        }
    }

    private Task Refuse(HttpContext context, string alertId, int status, string why)
    {
        WebLog.AcknowledgeRefused(logger, alertId, why);
        return JsonBody(context, status, new { error = why });
    }

    private static Task JsonBody<T>(HttpContext context, int status, T value)
        => Text(context, status, JsonSerializer.Serialize(value, Json), "application/json; charset=utf-8");

    private static async Task Text(HttpContext context, int status, string text, string contentType = "text/plain; charset=utf-8")
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.Headers.CacheControl = "no-store";
        var bytes = Encoding.UTF8.GetBytes(text);
        response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static async Task Asset(HttpContext context, string name, string contentType)
    {
        var bytes = Assets.GetOrAdd(name, static n =>
        {
            using var stream = typeof(WebRequestHandler).Assembly.GetManifestResourceStream("EdgeCc.Agent.Web.wwwroot." + n)
                ?? throw new InvalidOperationException($"embedded wallboard asset {n} is missing from the build");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
