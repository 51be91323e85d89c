namespace EdgeCc.Agent.Store;

/// <summary>An awaitable edge: <see cref="Next"/> completes at the next <see cref="Fire"/>. Take the task before checking the condition it guards.</summary>
internal sealed class Signal
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _next = New();

    public Task Next
    {
        get
        {
            lock (_lock)
            {
                return _next.Task;
            }
        }
    }

    public void Fire()
    {
        TaskCompletionSource fired;
        lock (_lock)
        {
            fired = _next;
            _next = New();
        }

        fired.TrySetResult();
    }

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
