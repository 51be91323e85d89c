namespace EdgeCc.Agent.Web;

/// <summary>
/// Records a supervisor's acknowledgement of an alert. The composition root binds it to the floor
/// (so lights and alert rules learn of it); <see cref="StoreAlertAcknowledger"/> keeps the record.
/// </summary>
internal interface IAlertAcknowledger
{
    void Acknowledge(string alertId, string agentId, string by);
}
