using System.Runtime.InteropServices;

namespace EdgeCc.Agent.Capture;

/// <summary>
/// Owns one <c>snd_config_t*</c>: the system configuration with one more file loaded over it,
/// handed to snd_pcm_open_lconf so PCMs defined in that file open by name. ALSA_CONFIG_PATH would
/// do the same, but alsa-lib reads it once per process, before we could set it.
/// </summary>
internal sealed class AlsaConfigHandle : SafeHandle
{
    public AlsaConfigHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == nint.Zero;

    /// <summary>Loads <paramref name="path"/> (asound.conf syntax) on top of a copy of the system configuration.</summary>
    public static AlsaConfigHandle Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"ALSA configuration file '{path}' does not exist.", path);
        }

        AlsaNative.Check(AlsaNative.ConfigUpdateRef(out var top), "snd_config_update_ref", path);
        AlsaConfigHandle config;
        try
        {
            AlsaNative.Check(AlsaNative.ConfigCopy(out config, top), "snd_config_copy", path);
        }
        finally
        {
            AlsaNative.ConfigUnref(top);
        }

        var input = nint.Zero;
        try
        {
            AlsaNative.Check(AlsaNative.InputStdioOpen(out input, path, "r"), "snd_input_stdio_open", path);
            AlsaNative.Check(AlsaNative.ConfigLoad(config, input), "snd_config_load", path);
            return config;
        }
        catch
        {
            config.Dispose();
            throw;
        }
        finally
        {
            if (input != nint.Zero)
            {
                _ = AlsaNative.InputClose(input);
            }
        }
    }

    protected override bool ReleaseHandle() => AlsaNative.ConfigDelete(handle) >= 0;
}
