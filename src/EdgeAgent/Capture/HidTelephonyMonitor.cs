namespace EdgeCc.Agent.Capture;

/// <summary>
/// Reads input reports from a hidraw device (or any stream carrying the same bytes, such as a
/// pipe in tests) on a dedicated thread and forwards hook and mute changes. hidraw returns one
/// report per read; a pipe may return several or a part, so the bytes are cut by the report
/// lengths the descriptor declares.
/// </summary>
internal sealed class HidTelephonyMonitor
{
    private readonly HidTelephonyLayout _layout;
    private readonly HidTelephonyDecoder _decoder;
    private long _reports;

    public HidTelephonyMonitor(HidTelephonyLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        _layout = layout;
        _decoder = new HidTelephonyDecoder(layout);
    }

    public long Reports => Interlocked.Read(ref _reports);

    public long BadReports => _decoder.BadReports;

    /// <summary>
    /// Reads <paramref name="reports"/> until it ends or fails (an unplugged hidraw device
    /// returns ENODEV) or <paramref name="cancellationToken"/> fires; blocking, so run it on its own thread.
    /// </summary>
    public void Run(Stream reports, Action<bool> onHook, Action<bool> onMute, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(onHook);
        ArgumentNullException.ThrowIfNull(onMute);
        var buffer = new byte[4096];
        var filled = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            int read;
            try
            {
                read = reports.Read(buffer, filled, buffer.Length - filled);
            }
            catch (IOException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            if (read <= 0)
            {
                return;
            }

            filled += read;
            var start = 0;
            while (start < filled)
            {
                var id = _layout.UsesReportIds ? buffer[start] : (byte)0;
                var length = _layout.ReportLength(id);
                if (length == 0)
                {
                    // An ID the descriptor never declared: the stream is out of step; drop what we hold.
                    _decoder.Apply([]);
                    start = filled;
                    break;
                }

                if (filled - start < length)
                {
                    break;
                }

                Interlocked.Increment(ref _reports);
                var (hookChanged, muteChanged) = _decoder.Apply(buffer.AsSpan(start, length));
                if (hookChanged)
                {
                    onHook(_decoder.OffHook);
                }

                if (muteChanged)
                {
                    onMute(_decoder.Muted);
                }

                start += length;
            }

            filled -= start;
            if (filled > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, filled);
            }
        }
    }
}
