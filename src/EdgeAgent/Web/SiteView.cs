namespace EdgeCc.Agent.Web;

/// <summary>
/// The rest of the site, on the wallboard host only: this box is <see cref="Device"/>, the other
/// boxes are <see cref="Parts"/>. <see cref="Connected"/> is false while the host cannot reach the
/// site's broker (the parts then age into stale).
/// </summary>
internal sealed record SiteView(string Site, string Device, bool Connected, int StaleAfterSeconds, IReadOnlyList<FloorPartView> Parts);
