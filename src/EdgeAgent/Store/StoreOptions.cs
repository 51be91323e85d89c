using System.ComponentModel.DataAnnotations;

namespace EdgeCc.Agent.Store;

/// <summary>Configuration section <c>Store</c>.</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    /// <summary>Where the LiteDB file lives (systemd's StateDirectory).</summary>
    [Required]
    public string DataDirectory { get; set; } = "/var/lib/edgecc";

    [Required]
    public string FileName { get; set; } = "edgecc.db";

    public string DatabasePath => Path.Combine(DataDirectory, FileName);

    /// <summary>
    /// Upper bound for the store on disk (data file plus LiteDB log). Past it, retention evicts in
    /// the order documented on <see cref="Retention"/> and compacts the file.
    /// </summary>
    [Range(1L * 1024 * 1024, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 256L * 1024 * 1024;

    public TimeSpan MetricsMaxAge { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan AlertsMaxAge { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan SummariesMaxAge { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Configuration history entries kept (the one in force is always kept).</summary>
    [Range(2, 100_000)]
    public int ConfigHistoryMaxEntries { get; set; } = 200;

    /// <summary>How often retention runs.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromMinutes(10);
}
