namespace EdgeCc.Agent.Floor;

/// <summary>
/// One figure a wallboard display shows, written in configuration as <c>kind:queue</c>
/// (<c>waiting:sales</c>, <c>longest:sales</c>, <c>available:sales</c>, <c>service-level:sales</c>,
/// <c>abandon:sales</c>) or <c>alerts</c> (agents whose light is red or blue, site-wide).
/// </summary>
internal readonly record struct WallboardFigure(WallboardFigureKind Kind, string? Queue)
{
    public static bool TryParse(string text, out WallboardFigure figure, out string reason)
    {
        figure = default;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kindText = colon < 0 ? text : text[..colon];
        var queue = colon < 0 ? null : text[(colon + 1)..];
        WallboardFigureKind? kind = kindText.ToLowerInvariant() switch
        {
            "waiting" => WallboardFigureKind.Waiting,
            "longest" => WallboardFigureKind.LongestWait,
            "available" => WallboardFigureKind.Available,
            "service-level" => WallboardFigureKind.ServiceLevel,
            "abandon" => WallboardFigureKind.AbandonRate,
            "alerts" => WallboardFigureKind.Alerts,
            _ => null,
        };
        if (kind is null)
        {
            reason = $"'{text}' is not a figure (waiting, longest, available, service-level, abandon followed by :queue, or alerts)";
            return false;
        }

        if (kind == WallboardFigureKind.Alerts != (queue is null))
        {
            reason = kind == WallboardFigureKind.Alerts ? "'alerts' is site-wide and takes no queue" : $"'{text}' needs a queue: {kindText}:QUEUE";
            return false;
        }

        figure = new WallboardFigure(kind.Value, queue);
        reason = "";
        return true;
    }
}
