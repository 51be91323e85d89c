namespace EdgeCc.Agent.Analysis;

/// <summary>
/// What a leg's audio carried before it was brought to 16 kHz: the acoustic model was trained on wideband speech,
/// and a narrowband leg (G.711, 8 kHz) has nothing above 4 kHz, so it is decoded with its own front-end settings.
/// </summary>
public enum SpottingBand
{
    Wideband,
    Narrowband,
}
