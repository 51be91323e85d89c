using System.Text;

namespace EdgeCc.Agent.Telephony;

/// <summary>
/// A call was offered. <paramref name="Source"/> says where it was heard (sip, headset, file).
/// <see cref="CustomerNumber"/> is the customer's number as signalled (the caller of an inbound call,
/// the dialled party of an outbound one): it never leaves the box and is left out of
/// <see cref="object.ToString"/> so that logging an event cannot leak it; summaries carry only its key.
/// <see cref="Dialled"/> is the number the INVITE was sent to (a queue's number for an inbound call), left
/// out of <see cref="object.ToString"/> for the same reason: on an outbound call it is the customer's.
/// </summary>
public sealed record CallStarted(string CallId, DateTimeOffset At, string? AgentId, string Source)
    : CallEvent(CallId, At, TimeSpan.Zero)
{
    public string? CustomerNumber { get; init; }

    public string? Dialled { get; init; }

    protected override bool PrintMembers(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.PrintMembers(builder);
        builder.Append(", AgentId = ").Append(AgentId).Append(", Source = ").Append(Source);
        return true;
    }
}
