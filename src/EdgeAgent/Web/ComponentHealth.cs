namespace EdgeCc.Agent.Web;

/// <summary>One part of the box on the wallboard's health strip; <see cref="Status"/> is ok, degraded, down or absent.</summary>
internal sealed record ComponentHealth(string Name, string Status, string Detail);
