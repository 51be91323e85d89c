using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.FileProviders;

namespace EdgeCc.Agent.Hosting;

/// <summary>
/// The effective configuration, key by key, with the source that won (the last provider that has
/// the key, as the configuration system itself decides) and secrets masked.
/// </summary>
internal static class ConfigurationSources
{
    public const string Mask = "***";

    private static readonly HashSet<string> HostKeys = new(StringComparer.OrdinalIgnoreCase) { "contentRoot", "applicationName", "environment" };

    /// <summary>Every key with a value, in key order.</summary>
    public static IReadOnlyList<ConfigurationEntry> Effective(IConfigurationRoot configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var providers = configuration.Providers.ToList();
        var entries = new List<ConfigurationEntry>();
        foreach (var pair in configuration.AsEnumerable().OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase))
        {
            if (pair.Value is null)
            {
                continue;
            }

            var source = "unknown";
            for (var i = providers.Count - 1; i >= 0; i--)
            {
                if (providers[i].TryGet(pair.Key, out _))
                {
                    source = Describe(providers[i], pair.Key);
                    break;
                }
            }

            entries.Add(new ConfigurationEntry(pair.Key, IsSecret(pair.Key) ? Mask : pair.Value, source));
        }

        return entries;
    }

    /// <summary>
    /// A key whose last segment names a password, secret, token or key. A <c>*KeyPath</c> or
    /// <c>*KeyFile</c> names where a key lives, which an installer needs to see, so it is shown.
    /// </summary>
    public static bool IsSecret(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var name = key[(key.LastIndexOf(':') + 1)..];
        if (name.EndsWith("Path", StringComparison.OrdinalIgnoreCase) || name.EndsWith("File", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return name.Contains("password", StringComparison.OrdinalIgnoreCase)
            || name.Contains("secret", StringComparison.OrdinalIgnoreCase)
            || name.Contains("token", StringComparison.OrdinalIgnoreCase)
            || name.Contains("key", StringComparison.OrdinalIgnoreCase);
    }

    public static string Describe(IConfigurationProvider provider, string key)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(key);
        return provider switch
        {
            FileConfigurationProvider file => file.Source.FileProvider is PhysicalFileProvider physical && file.Source.Path is { } path
                ? Path.Combine(physical.Root, path)
                : file.Source.Path ?? "file",
            EnvironmentVariablesConfigurationProvider => "environment " + EnvironmentPrefix + key.Replace(":", "__", StringComparison.Ordinal),
            // The host builder puts contentRoot (and the like) in a memory provider of its own.
            MemoryConfigurationProvider when HostKeys.Contains(key) => "host",
            MemoryConfigurationProvider => "command line",
            _ => provider.GetType().Name,
        };
    }

    /// <summary>The prefix <see cref="Program.BuildHost"/> gives the environment variables provider.</summary>
    public const string EnvironmentPrefix = "EDGECC__";
}
