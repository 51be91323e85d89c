using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Audio;
using EdgeCc.Agent.Telephony;

namespace EdgeCc.Agent.Tests.Capture;

/// <summary>Keeps what a headset delivered, in order, and lets a test await a condition on it.</summary>
internal sealed class HeadsetRecordingSink : ICallInputSink
{
    private readonly Lock _gate = new();
    private readonly List<CallInput> _inputs = [];
    private readonly List<(Func<IReadOnlyList<CallInput>, bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public IReadOnlyList<CallInput> Inputs
    {
        get
        {
            lock (_gate)
            {
                return [.. _inputs];
            }
        }
    }

    public IReadOnlyList<CallEvent> Events => [.. Inputs.Where(i => i.Event is not null).Select(i => i.Event!)];

    public IReadOnlyList<AudioFrame> Frames(Leg leg) => [.. Inputs.Where(i => i.Frame?.Leg == leg).Select(i => i.Frame!)];

    public ValueTask WriteAsync(CallInput input, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _inputs.Add(input);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Condition(_inputs))
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Completes when <paramref name="condition"/> holds; the timeout only turns a hang into a failure.</summary>
    public Task WaitFor(Func<IReadOnlyList<CallInput>, bool> condition)
    {
        lock (_gate)
        {
            if (condition(_inputs))
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((condition, done));
            return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public Task WaitForEvent<T>(int count = 1)
        where T : CallEvent => WaitFor(inputs => inputs.Count(i => i.Event is T) >= count);
}
