namespace EdgeCc.Agent.Capture;

/// <summary>The link layer a capture starts with (pcap LINKTYPE_* values).</summary>
internal enum LinkKind
{
    Null = 0,
    Ethernet = 1,
    Raw = 101,
    LinuxSll = 113,
    LinuxSll2 = 276,
}
