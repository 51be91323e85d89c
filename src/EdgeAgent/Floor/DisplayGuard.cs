namespace EdgeCc.Agent.Floor;

/// <summary>
/// Keeps one display's I/O failures from stopping the floor: a failed write is counted, the
/// display is skipped for a backoff that doubles up to a minute, then retried.
/// </summary>
internal sealed class DisplayGuard(string name, TimeProvider time)
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(60);
    private DateTimeOffset _retryAt;
    private TimeSpan _backoff = First;

    public string Name { get; } = name;

    public long Failures { get; private set; }

    /// <summary>True while the display's last write failed.</summary>
    public bool Faulted { get; private set; }

    public bool Ready => !Faulted || time.GetUtcNow() >= _retryAt;

    /// <summary>Records a failure and returns the wait before the next attempt.</summary>
    public TimeSpan Failed()
    {
        Failures++;
        Faulted = true;
        var wait = _backoff;
        _retryAt = time.GetUtcNow() + wait;
        _backoff = _backoff * 2 > Max ? Max : _backoff * 2;
        return wait;
    }

    /// <summary>Records a good write; true when it ends a faulted spell.</summary>
    public bool Succeeded()
    {
        var recovered = Faulted;
        Faulted = false;
        _backoff = First;
        return recovered;
    }
}
