namespace EdgeCc.Agent.Capture;

/// <summary>
/// What to ask a capture PCM for. <see cref="Rates"/> are tried in order (the first the device
/// takes natively wins); <see cref="Channels"/> 0 means the fewest channels that still hold
/// <see cref="MinChannels"/>.
/// </summary>
internal sealed record AlsaStreamRequest(IReadOnlyList<int> Rates, int Channels, int MinChannels, TimeSpan Period)
{
    /// <summary>48 kHz first: it is what USB headsets clock natively, and 48→16 kHz is an integer ratio.</summary>
    public static IReadOnlyList<int> PreferredRates { get; } = [48_000, 44_100, 16_000];

    public static AlsaStreamRequest Default { get; } = new(PreferredRates, 0, 1, TimeSpan.FromMilliseconds(20));
}
