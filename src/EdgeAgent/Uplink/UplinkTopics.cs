namespace EdgeCc.Agent.Uplink;

/// <summary>The v1 topic tree: <c>edgecc/v1/{site}/{device}/{leaf}</c>.</summary>
internal sealed class UplinkTopics
{
    public UplinkTopics(string site, string device)
    {
        Prefix = $"edgecc/v1/{site}/{device}/";
    }

    public string Prefix { get; }

    public string Status => Prefix + "status";

    public string Config => Prefix + "config";

    public string For(string leaf) => Prefix + leaf;

    /// <summary><c>floor</c> and <c>status</c> are retained: a wallboard that connects later still sees the current state.</summary>
    public static bool IsRetained(string leaf) => leaf is Store.OutboxTopics.Floor;
}
