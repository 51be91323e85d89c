namespace EdgeCc.Agent.Uplink;

/// <summary>An alert another box of the site raised, as the wallboard host received it.</summary>
internal sealed record SiteAlert(string Device, AlertMessage Alert, DateTimeOffset ReceivedAt);
