using System.Globalization;

namespace EdgeCc.Drivers.Ht16k33;

/// <summary>Formats floor figures for a 4-digit display so they always fit.</summary>
public static class SegmentText
{
    /// <summary>Shown when a value does not fit in four digits.</summary>
    public const string Overflow = "----";

    /// <summary>A count right-aligned in 4 digits ("  12"); outside -999…9999 shows <see cref="Overflow"/>.</summary>
    public static string Count(int value) =>
        value is < -999 or > 9999 ? Overflow : value.ToString(CultureInfo.InvariantCulture).PadLeft(4);

    /// <summary>
    /// A duration as minutes:seconds (" 3:07"); negative durations show " 0:00"; 100 minutes and more show "99:59"
    /// so a long wait saturates instead of wrapping.
    /// </summary>
    public static string MinutesSeconds(TimeSpan duration)
    {
        long seconds = Math.Max(0, (long)duration.TotalSeconds);
        seconds = Math.Min(seconds, (99 * 60) + 59);
        long minutes = seconds / 60;
        return string.Create(CultureInfo.InvariantCulture, $"{minutes,2}:{seconds % 60:00}");
    }
}
