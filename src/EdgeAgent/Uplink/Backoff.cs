namespace EdgeCc.Agent.Uplink;

/// <summary>
/// Exponential reconnect delay with "equal jitter": half the step is fixed, half random, so a
/// site full of boxes that lost the broker together do not all come back in the same second.
/// </summary>
internal sealed class Backoff
{
    private readonly TimeSpan _min;
    private readonly TimeSpan _max;
    private readonly Random _random;
    private int _attempt;

    public Backoff(TimeSpan min, TimeSpan max, Random? random = null)
    {
        _min = min;
        _max = max;
        _random = random ?? Random.Shared;
    }

    public int Attempt => _attempt;

    public TimeSpan Next()
    {
        var step = _min.Ticks * Math.Pow(2, Math.Min(_attempt, 30));
        var capped = Math.Min(step, _max.Ticks);
        _attempt++;
        var half = capped / 2;
        return TimeSpan.FromTicks((long)(half + (_random.NextDouble() * half)));
    }

    public void Reset() => _attempt = 0;
}
