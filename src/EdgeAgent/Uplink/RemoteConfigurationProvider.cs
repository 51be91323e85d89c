using Microsoft.Extensions.Configuration;

namespace EdgeCc.Agent.Uplink;

internal sealed class RemoteConfigurationProvider : ConfigurationProvider
{
    public RemoteConfigurationProvider(RemoteConfig source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Current is { } current)
        {
            Data = RemoteConfig.Flatten(current.SettingsJson);
        }

        source.Changed += snapshot =>
        {
            Data = RemoteConfig.Flatten(snapshot.SettingsJson);
            OnReload();
        };
    }
}
