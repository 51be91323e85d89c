using System.Globalization;
using System.Text.RegularExpressions;

namespace EdgeCc.Agent.Capture;

/// <summary>
/// Lists sound cards from sysfs: <c>class/sound/cardN</c> gives the card id and its capture PCMs
/// (<c>pcmCNDMc</c>); its <c>device</c> link leads to the USB interface, whose parent directory
/// is the USB device, named by its port path and holding idVendor/idProduct. hidraw nodes of
/// the same device sit below that directory.
/// </summary>
internal static partial class UsbAudioDiscovery
{
    // A USB interface is two or three levels below the device at most (interface, then sound/hid).
    private const int MaxLevelsUp = 3;
    private const int MaxHidSearchDepth = 4;

    public static IReadOnlyList<UsbAudioDevice> List(string sysfsRoot = "/sys")
    {
        var soundClass = Path.Combine(sysfsRoot, "class", "sound");
        var devices = new List<UsbAudioDevice>();
        if (!Directory.Exists(soundClass))
        {
            return devices;
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(soundClass))
        {
            var match = CardPattern().Match(Path.GetFileName(entry));
            if (!match.Success)
            {
                continue;
            }

            var card = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var cardPath = Resolve(entry);
            var id = ReadText(Path.Combine(cardPath, "id")) ?? card.ToString(CultureInfo.InvariantCulture);
            var capture = new List<int>();
            var pcmPattern = new Regex($"^pcmC{card}D([0-9]+)c$", RegexOptions.CultureInvariant);
            foreach (var child in Directory.EnumerateFileSystemEntries(cardPath))
            {
                var pcm = pcmPattern.Match(Path.GetFileName(child));
                if (pcm.Success)
                {
                    capture.Add(int.Parse(pcm.Groups[1].Value, CultureInfo.InvariantCulture));
                }
            }

            capture.Sort();
            var usb = FindUsbDevice(Path.Combine(cardPath, "device"));
            devices.Add(usb is null
                ? new UsbAudioDevice(card, id, null, null, null, null, null, null, capture, [])
                : new UsbAudioDevice(
                    card,
                    id,
                    Path.GetFileName(usb),
                    ReadText(Path.Combine(usb, "idVendor")),
                    ReadText(Path.Combine(usb, "idProduct")),
                    ReadText(Path.Combine(usb, "manufacturer")),
                    ReadText(Path.Combine(usb, "product")),
                    ReadText(Path.Combine(usb, "serial")),
                    capture,
                    FindHidNodes(usb)));
        }

        devices.Sort((a, b) => a.Card.CompareTo(b.Card));
        return devices;
    }

    /// <summary>The capture device on <paramref name="usbPort"/>, or null while nothing is plugged in there.</summary>
    public static UsbAudioDevice? FindByPort(string sysfsRoot, string usbPort)
    {
        foreach (var device in List(sysfsRoot))
        {
            if (string.Equals(device.UsbPort, usbPort, StringComparison.Ordinal) && device.CaptureDevices.Count > 0)
            {
                return device;
            }
        }

        return null;
    }

    private static string? FindUsbDevice(string deviceLink)
    {
        if (!Directory.Exists(deviceLink))
        {
            return null;
        }

        var directory = new DirectoryInfo(Resolve(deviceLink));
        for (var level = 0; directory is not null && level <= MaxLevelsUp; level++, directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "idVendor")) && UsbPortPattern().IsMatch(directory.Name))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    private static List<UsbAudioHidNode> FindHidNodes(string usbDevice)
    {
        var nodes = new List<UsbAudioHidNode>();
        Search(new DirectoryInfo(usbDevice), 0);
        nodes.Sort((a, b) => string.CompareOrdinal(a.DevicePath, b.DevicePath));
        return nodes;

        void Search(DirectoryInfo directory, int depth)
        {
            if (depth > MaxHidSearchDepth)
            {
                return;
            }

            foreach (var child in directory.EnumerateDirectories())
            {
                if (child.LinkTarget is not null)
                {
                    // sysfs links (driver, subsystem, port) point back up the tree.
                    continue;
                }

                if (child.Name == "hidraw")
                {
                    foreach (var node in child.EnumerateDirectories("hidraw*"))
                    {
                        nodes.Add(new UsbAudioHidNode("/dev/" + node.Name, Path.Combine(directory.FullName, "report_descriptor")));
                    }
                }
                else
                {
                    Search(child, depth + 1);
                }
            }
        }
    }

    private static string Resolve(string path)
    {
        try
        {
            var target = new DirectoryInfo(path).ResolveLinkTarget(returnFinalTarget: true);
            return target?.FullName ?? path;
        }
        catch (IOException)
        {
            return path;
        }
    }

    private static string? ReadText(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    [GeneratedRegex("^card([0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex CardPattern();

    [GeneratedRegex(@"^[0-9]+-[0-9]+(\.[0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex UsbPortPattern();
}
