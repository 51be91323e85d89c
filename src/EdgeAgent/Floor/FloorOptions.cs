namespace EdgeCc.Agent.Floor;

/// <summary>
/// Configuration section <c>Floor</c>: the stations and the lights, displays and queue feeds that
/// show them. <see cref="Simulated"/> is on by default because the demo box has no hardware;
/// an installed floor sets it to false.
/// </summary>
internal sealed class FloorOptions
{
    public const string Section = "Floor";

    /// <summary>True: every display is a simulated one that renders to text instead of SPI/I2C/GPIO.</summary>
    public bool Simulated { get; set; } = true;

    /// <summary>How often the lights are redrawn (flash phase, wallboard figures), in milliseconds.</summary>
    [System.ComponentModel.DataAnnotations.Range(20, 5_000)]
    public int FrameMilliseconds { get; set; } = 125;

    public StripOptions Strip { get; set; } = new();

    public List<StationOptions> Stations { get; set; } = [];

    public List<QueueOptions> Queues { get; set; } = [];

    public List<MatrixOptions> Matrices { get; set; } = [];

    public List<SegmentOptions> Segments { get; set; } = [];

    public List<StackLightOptions> StackLights { get; set; } = [];

    public AlertRuleOptions Rules { get; set; } = new();

    public AmiOptions Ami { get; set; } = new();
}
