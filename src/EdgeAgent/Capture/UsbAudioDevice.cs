namespace EdgeCc.Agent.Capture;

/// <summary>
/// A sound card with capture PCMs and, when it is a USB device, its identity: vendor/product id
/// and the physical port path (e.g. "1-1.3") that stays the same across reboots and replugs,
/// unlike the card number.
/// </summary>
internal sealed record UsbAudioDevice(
    int Card,
    string CardId,
    string? UsbPort,
    string? VendorId,
    string? ProductId,
    string? Manufacturer,
    string? Product,
    string? Serial,
    IReadOnlyList<int> CaptureDevices,
    IReadOnlyList<UsbAudioHidNode> HidNodes)
{
    /// <summary>The PCM we open: plughw so alsa-lib adapts the sample format, while our hw_params still insist on a native rate.</summary>
    public string? CapturePcmName => CaptureDevices.Count > 0 ? $"plughw:{Card},{CaptureDevices[0]}" : null;
}
