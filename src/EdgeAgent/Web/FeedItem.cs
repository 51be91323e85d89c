namespace EdgeCc.Agent.Web;

/// <summary>One line of the live feed: an alert, a detection or an acknowledgement.</summary>
internal sealed record FeedItem(string Kind, DateTimeOffset At, string AgentId, string Category, string Text);
