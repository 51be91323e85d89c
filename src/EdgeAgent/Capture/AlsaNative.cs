using System.Runtime.InteropServices;

namespace EdgeCc.Agent.Capture;

/// <summary>
/// The few libasound (alsa-lib) entry points headset capture needs. Every function returns a
/// negative errno on failure; callers turn that into <see cref="AlsaException"/> or a counted error.
/// </summary>
internal static partial class AlsaNative
{
    public const string Library = "libasound.so.2";

    /// <summary><c>SND_PCM_STREAM_CAPTURE</c> from pcm.h.</summary>
    public const int StreamCapture = 1;

    /// <summary><c>SND_PCM_ACCESS_RW_INTERLEAVED</c>: snd_pcm_readi copies whole frames into our buffer.</summary>
    public const int AccessRwInterleaved = 3;

    /// <summary><c>SND_PCM_FORMAT_S16_LE</c>: what USB Audio Class 1 headsets deliver natively.</summary>
    public const int FormatS16Le = 2;

    /// <summary><c>SND_PCM_FORMAT_S32_LE</c>: a few newer headsets offer only 24-in-32-bit samples.</summary>
    public const int FormatS32Le = 10;

    // errno values from asm-generic/errno-base.h; alsa-lib returns them negated.
    public const int EIntr = 4;
    public const int EIo = 5;
    public const int ENxio = 6;
    public const int EAgain = 11;
    public const int ENoDev = 19;
    public const int ENoEnt = 2;
    public const int EPipe = 32;
    public const int EStrPipe = 86;
    public const int EBadFd = 77;

    [LibraryImport(Library, EntryPoint = "snd_strerror")]
    private static partial nint SndStrError(int errnum);

    public static string StrError(int error) => Marshal.PtrToStringUTF8(SndStrError(error)) ?? $"error {error}";

    [LibraryImport(Library, EntryPoint = "snd_pcm_open", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int PcmOpen(out AlsaPcmHandle pcm, string name, int stream, int mode);

    [LibraryImport(Library, EntryPoint = "snd_pcm_open_lconf", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int PcmOpenLconf(out AlsaPcmHandle pcm, string name, int stream, int mode, AlsaConfigHandle lconf);

    [LibraryImport(Library, EntryPoint = "snd_pcm_close")]
    public static partial int PcmClose(nint pcm);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_malloc")]
    public static partial int HwParamsMalloc(out AlsaHwParamsHandle parameters);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_free")]
    public static partial void HwParamsFree(nint parameters);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_any")]
    public static partial int HwParamsAny(AlsaPcmHandle pcm, AlsaHwParamsHandle parameters);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_set_access")]
    public static partial int HwParamsSetAccess(AlsaPcmHandle pcm, AlsaHwParamsHandle parameters, int access);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_test_format")]
    public static partial int HwParamsTestFormat(AlsaPcmHandle pcm, AlsaHwParamsHandle parameters, int format);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_set_format")]
    public static partial int HwParamsSetFormat(AlsaPcmHandle pcm, AlsaHwParamsHandle parameters, int format);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_test_rate")]
    public static partial int HwParamsTestRate(AlsaPcmHandle pcm, AlsaHwParamsHandle parameters, uint rate, int dir);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_set_rate")]
    public static partial int HwParamsSetRate(AlsaPcmHandle pcm, AlsaHwParamsHandle parameters, uint rate, int dir);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_set_rate_resample")]
    public static partial int HwParamsSetRateResample(AlsaPcmHandle pcm, AlsaHwParamsHandle parameters, uint allow);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_test_channels")]
    public static partial int HwParamsTestChannels(AlsaPcmHandle pcm, AlsaHwParamsHandle parameters, uint channels);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_set_channels")]
    public static partial int HwParamsSetChannels(AlsaPcmHandle pcm, AlsaHwParamsHandle parameters, uint channels);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_set_period_size_near")]
    public static partial int HwParamsSetPeriodSizeNear(AlsaPcmHandle pcm, AlsaHwParamsHandle parameters, ref nuint frames, ref int dir);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_set_buffer_size_near")]
    public static partial int HwParamsSetBufferSizeNear(AlsaPcmHandle pcm, AlsaHwParamsHandle parameters, ref nuint frames);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params")]
    public static partial int HwParams(AlsaPcmHandle pcm, AlsaHwParamsHandle parameters);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_get_period_size")]
    public static partial int HwParamsGetPeriodSize(AlsaHwParamsHandle parameters, out nuint frames, out int dir);

    [LibraryImport(Library, EntryPoint = "snd_pcm_hw_params_get_buffer_size")]
    public static partial int HwParamsGetBufferSize(AlsaHwParamsHandle parameters, out nuint frames);

    [LibraryImport(Library, EntryPoint = "snd_pcm_prepare")]
    public static partial int PcmPrepare(AlsaPcmHandle pcm);

    [LibraryImport(Library, EntryPoint = "snd_pcm_start")]
    public static partial int PcmStart(AlsaPcmHandle pcm);

    [LibraryImport(Library, EntryPoint = "snd_pcm_drop")]
    public static partial int PcmDrop(AlsaPcmHandle pcm);

    [LibraryImport(Library, EntryPoint = "snd_pcm_readi")]
    public static unsafe partial nint PcmReadi(AlsaPcmHandle pcm, void* buffer, nuint frames);

    [LibraryImport(Library, EntryPoint = "snd_pcm_recover")]
    public static partial int PcmRecover(AlsaPcmHandle pcm, int error, int silent);

    [LibraryImport(Library, EntryPoint = "snd_config_top")]
    public static partial int ConfigTop(out AlsaConfigHandle config);

    [LibraryImport(Library, EntryPoint = "snd_config_delete")]
    public static partial int ConfigDelete(nint config);

    [LibraryImport(Library, EntryPoint = "snd_config_update_ref")]
    public static partial int ConfigUpdateRef(out nint top);

    [LibraryImport(Library, EntryPoint = "snd_config_unref")]
    public static partial void ConfigUnref(nint top);

    [LibraryImport(Library, EntryPoint = "snd_config_copy")]
    public static partial int ConfigCopy(out AlsaConfigHandle destination, nint source);

    [LibraryImport(Library, EntryPoint = "snd_config_load")]
    public static partial int ConfigLoad(AlsaConfigHandle config, nint input);

    [LibraryImport(Library, EntryPoint = "snd_input_stdio_open", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int InputStdioOpen(out nint input, string file, string mode);

    [LibraryImport(Library, EntryPoint = "snd_input_close")]
    public static partial int InputClose(nint input);

    /// <summary>Throws <see cref="AlsaException"/> naming the call and the device when <paramref name="result"/> is negative.</summary>
    public static int Check(int result, string call, string device)
    {
        if (result < 0)
        {
            throw new AlsaException(call, device, result);
        }

        return result;
    }
}
