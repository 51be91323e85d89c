using System.Globalization;
using EdgeCc.Drivers.Ht16k33;

namespace EdgeCc.Agent.Floor;

/// <summary>Figures as text: short labelled text for a dot matrix, bare digits for a 4-digit 7-segment display.</summary>
internal static class WallboardText
{
    public static string ForMatrix(WallboardFigure figure, QueueStats? stats, int alerts) => figure.Kind switch
    {
        WallboardFigureKind.Waiting => "W" + Int(stats?.Waiting ?? 0),
        WallboardFigureKind.LongestWait => SegmentText.MinutesSeconds(stats?.LongestWait ?? TimeSpan.Zero).Trim(),
        WallboardFigureKind.Available => "AV" + Int(stats?.AgentsAvailable ?? 0),
        WallboardFigureKind.ServiceLevel => "SL" + Percent(stats?.ServiceLevel),
        WallboardFigureKind.AbandonRate => "AB" + Percent(stats?.AbandonRate),
        _ => "!" + Int(alerts),
    };

    public static string ForSegments(WallboardFigure figure, QueueStats? stats, int alerts) => figure.Kind switch
    {
        WallboardFigureKind.Waiting => SegmentText.Count(stats?.Waiting ?? 0),
        WallboardFigureKind.LongestWait => SegmentText.MinutesSeconds(stats?.LongestWait ?? TimeSpan.Zero),
        WallboardFigureKind.Available => SegmentText.Count(stats?.AgentsAvailable ?? 0),
        WallboardFigureKind.ServiceLevel => PercentDigits(stats?.ServiceLevel),
        WallboardFigureKind.AbandonRate => PercentDigits(stats?.AbandonRate),
        _ => SegmentText.Count(alerts),
    };

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Percent(double? share) => share is { } s ? Int((int)Math.Round(s * 100)) : "--";

    private static string PercentDigits(double? share) => share is { } s ? SegmentText.Count((int)Math.Round(s * 100)) : SegmentText.Overflow;
}
