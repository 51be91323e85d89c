using EdgeCc.Agent.Floor;

namespace EdgeCc.Agent.Web;

/// <summary>An acknowledge from the wallboard clears the agent's flashing escalation light.</summary>
internal sealed class FloorAlertAcknowledger(FloorState floor) : IAlertAcknowledger
{
    public void Acknowledge(string alertId, string agentId, string by) => floor.Acknowledge(agentId, by);
}
