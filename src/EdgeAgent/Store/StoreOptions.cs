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
}
