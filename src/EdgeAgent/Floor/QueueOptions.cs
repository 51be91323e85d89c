using System.ComponentModel.DataAnnotations;

namespace EdgeCc.Agent.Floor;

/// <summary>A call queue: its name (as Asterisk calls it) and the numbers that reach it.</summary>
internal sealed class QueueOptions
{
    [Required]
    public string Name { get; set; } = "";

    /// <summary>Dialled numbers (SIP request-URI users) that belong to this queue, for the SIP-derived view.</summary>
    public List<string> Numbers { get; set; } = [];

    /// <summary>A call counts as answered in time when answered within this many seconds (80 % in 20 s).</summary>
    [Range(1, 3_600)]
    public int ServiceLevelSeconds { get; set; } = 20;

    /// <summary>Service level target, 0..1; below it the queue's stack light goes amber.</summary>
    [Range(0.0, 1.0)]
    public double ServiceLevelTarget { get; set; } = 0.8;
}
