using EdgeCc.Agent.Store;
using EdgeCc.Agent.Uplink;

namespace EdgeCc.Agent.Web;

/// <summary>Keeps every acknowledgement as an <c>acknowledged</c> alert record, so it is stored locally and reaches central on <c>alerts</c>.</summary>
internal sealed class StoreAlertAcknowledger(AlertStore alerts, TimeProvider time) : IAlertAcknowledger
{
    public const string Kind = "acknowledged";

    public void Acknowledge(string alertId, string agentId, string by)
    {
        alerts.Add(new AlertMessage(
            alertId + "-ack",
            Kind,
            AlertSeverity.Info,
            $"alert {alertId} acknowledged by {by}",
            time.GetUtcNow(),
            agentId));
    }
}
