namespace EdgeCc.Agent.Uplink;

internal enum RemoteConfigOutcome
{
    Accepted,
    Rejected,
    RolledBack,

    /// <summary>The same version with the same content was handled before (a retained message replayed on reconnect).</summary>
    AlreadyHandled,
}
