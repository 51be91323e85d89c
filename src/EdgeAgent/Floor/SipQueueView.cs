using EdgeCc.Agent.Telephony;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Floor;

/// <summary>
/// Queues seen from SIP alone, for sites without AMI: a call offered to one of a queue's
/// configured numbers waits until it is answered (answered, counted against the service level)
/// or ends first (abandoned). Telephony calls <see cref="Offer"/> with the dialled number from the
/// INVITE's request-URI; the number is only looked up, never kept.
/// </summary>
internal sealed class SipQueueView
{
    private readonly QueueBoard _board;
    private readonly Dictionary<string, string> _numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _waiting = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public SipQueueView(QueueBoard board, IOptions<FloorOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _board = board ?? throw new ArgumentNullException(nameof(board));
        foreach (var queue in options.Value.Queues)
        {
            foreach (var number in queue.Numbers)
            {
                _numbers[number] = queue.Name;
            }
        }
    }

    /// <summary>A new call to <paramref name="dialled"/>; returns false when the number is no queue's.</summary>
    public bool Offer(string callId, string dialled)
    {
        ArgumentNullException.ThrowIfNull(callId);
        ArgumentNullException.ThrowIfNull(dialled);
        string? queue;
        lock (_gate)
        {
            if (!_numbers.TryGetValue(dialled, out queue) || !_waiting.TryAdd(callId, queue))
            {
                return false;
            }
        }

        _board.CallerJoined(queue, callId);
        return true;
    }

    public void Apply(CallEvent callEvent)
    {
        ArgumentNullException.ThrowIfNull(callEvent);
        if (callEvent is not (CallAnswered or CallEnded))
        {
            return;
        }

        string? queue;
        lock (_gate)
        {
            if (!_waiting.Remove(callEvent.CallId, out queue))
            {
                return;
            }
        }

        if (callEvent is CallAnswered)
        {
            _board.CallerAnswered(queue, callEvent.CallId);
            _board.CallerLeft(queue, callEvent.CallId);
        }
        else
        {
            _board.CallerAbandoned(queue, callEvent.CallId);
        }
    }
}
