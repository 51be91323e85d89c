namespace EdgeCc.Agent.Capture;

/// <summary>An address and port, usable as a dictionary key on the hot path.</summary>
internal readonly record struct NetEndpoint(NetAddress Address, ushort Port)
{
    public override string ToString() => Address.IsV4 ? $"{Address}:{Port}" : $"[{Address}]:{Port}";
}
