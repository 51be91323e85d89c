namespace EdgeCc.Agent.Uplink;

internal enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}
