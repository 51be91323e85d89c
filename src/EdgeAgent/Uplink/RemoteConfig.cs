using Microsoft.Extensions.Configuration;

namespace EdgeCc.Agent.Uplink;

/// <summary>
/// Holds the remote configuration in force and overlays it on the app's configuration as an
/// <see cref="IConfigurationSource"/>: add it last to the configuration builder and every
/// <c>IOptionsMonitor&lt;T&gt;</c> bound to a section it sets sees the change. It is replaced
/// only as a whole, after validation, so readers never see half of one configuration.
/// </summary>
internal sealed class RemoteConfig : IConfigurationSource
{
    private readonly Lock _lock = new();
    private RemoteConfigSnapshot? _current;

    public RemoteConfigSnapshot? Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    public event Action<RemoteConfigSnapshot>? Changed;

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new RemoteConfigurationProvider(this);

    internal void Set(RemoteConfigSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_lock)
        {
            _current = snapshot;
        }

        Changed?.Invoke(snapshot);
    }

    /// <summary>Flattens a settings object into configuration keys (<c>Analysis:Phrases:0:Text</c>).</summary>
    internal static Dictionary<string, string?> Flatten(string settingsJson)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(settingsJson));
        var config = new ConfigurationBuilder().AddJsonStream(stream).Build();
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in config.AsEnumerable())
        {
            if (value is not null)
            {
                data[key] = value;
            }
        }

        return data;
    }
}
