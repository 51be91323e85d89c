namespace EdgeCc.Agent.Web;

/// <summary>Detections of one category per minute over the last hour, oldest first, with the spike minutes marked.</summary>
internal sealed record TrendSeries(string Category, int Total, IReadOnlyList<int> Counts, IReadOnlyList<bool> Spikes);
