namespace EdgeCc.Agent.Tests.Capture;

/// <summary>
/// A small sysfs tree laid out like the kernel's for USB sound cards (class/sound/cardN links
/// into devices/…/usbB/B-P/B-P.Q/B-P.Q:1.0/sound/cardN, hidraw under the HID interface), so
/// discovery runs on the same walk it does on a Raspberry Pi.
/// </summary>
internal sealed class UsbAudioSysfs : IDisposable
{
    public UsbAudioSysfs()
    {
        Root = Path.Combine(Path.GetTempPath(), "edgecc-sysfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "class", "sound"));
    }

    public string Root { get; }

    /// <summary>Adds a USB headset on <paramref name="port"/> with card number <paramref name="card"/>; returns the USB device directory.</summary>
    public string AddUsbHeadset(int card, string port, string id, string vendor, string product, string name, byte[]? reportDescriptor, int hidraw = 0, bool capture = true)
    {
        var bus = port[..port.IndexOf('-', StringComparison.Ordinal)];
        var usb = Path.Combine(Root, "devices", "pci0000:00", "0000:00:14.0", "usb" + bus, port.Split('.')[0], port);
        Directory.CreateDirectory(usb);
        File.WriteAllText(Path.Combine(usb, "idVendor"), vendor + "\n");
        File.WriteAllText(Path.Combine(usb, "idProduct"), product + "\n");
        File.WriteAllText(Path.Combine(usb, "manufacturer"), name.Split(' ')[0] + "\n");
        File.WriteAllText(Path.Combine(usb, "product"), name + "\n");
        var cardDir = Path.Combine(usb, port + ":1.0", "sound", "card" + card);
        AddCard(card, cardDir, id, capture);
        Directory.CreateSymbolicLink(Path.Combine(cardDir, "device"), Path.Combine("..", "..", "..", port + ":1.0"));
        if (reportDescriptor is not null)
        {
            var hid = Path.Combine(usb, port + ":1.3", $"0003:{vendor.ToUpperInvariant()}:{product.ToUpperInvariant()}.000{hidraw}");
            Directory.CreateDirectory(Path.Combine(hid, "hidraw", "hidraw" + hidraw));
            File.WriteAllBytes(Path.Combine(hid, "report_descriptor"), reportDescriptor);
            Directory.CreateSymbolicLink(Path.Combine(hid, "subsystem"), Path.Combine(Root, "class", "sound"));
        }

        return usb;
    }

    /// <summary>An on-board card that is not USB.</summary>
    public void AddPlatformCard(int card, string id)
    {
        var device = Path.Combine(Root, "devices", "platform", "soc", "bcm2835_audio");
        var cardDir = Path.Combine(device, "sound", "card" + card);
        AddCard(card, cardDir, id, capture: true);
        Directory.CreateSymbolicLink(Path.Combine(cardDir, "device"), Path.Combine("..", ".."));
    }

    public void Unplug(int card) => File.Delete(Path.Combine(Root, "class", "sound", "card" + card));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void AddCard(int card, string cardDir, string id, bool capture)
    {
        Directory.CreateDirectory(cardDir);
        File.WriteAllText(Path.Combine(cardDir, "id"), id + "\n");
        Directory.CreateDirectory(Path.Combine(cardDir, $"pcmC{card}D0p"));
        if (capture)
        {
            Directory.CreateDirectory(Path.Combine(cardDir, $"pcmC{card}D0c"));
        }

        Directory.CreateDirectory(Path.Combine(cardDir, $"controlC{card}"));
        Directory.CreateSymbolicLink(Path.Combine(Root, "class", "sound", "card" + card), cardDir);
    }
}
