using System.Runtime.InteropServices;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// A PocketSphinx <c>cmd_ln_t</c> and the argv strings it was parsed from. cmd_ln_parse_r keeps the argument
/// names as hash keys without copying them, so the strings live exactly as long as the configuration.
/// </summary>
internal sealed class PsConfigHandle : SafeHandle
{
    private readonly IntPtr[] _strings;
    private IntPtr _argv;

    private PsConfigHandle(IntPtr config, IntPtr argv, IntPtr[] strings)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        _argv = argv;
        _strings = strings;
        SetHandle(config);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Parses <c>-name value</c> pairs strictly against <c>ps_args()</c>.</summary>
    public static unsafe PsConfigHandle Parse(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var strings = new IntPtr[arguments.Count];
        var argv = (IntPtr)NativeMemory.AllocZeroed((nuint)Math.Max(1, arguments.Count), (nuint)IntPtr.Size);
        for (var i = 0; i < arguments.Count; i++)
        {
            strings[i] = Marshal.StringToCoTaskMemUTF8(arguments[i]);
            ((IntPtr*)argv)[i] = strings[i];
        }

        var config = PocketSphinxNative.ParseConfig(IntPtr.Zero, PocketSphinxNative.Args(), arguments.Count, argv, strict: 1);
        var result = new PsConfigHandle(config, argv, strings);
        if (result.IsInvalid)
        {
            result.Dispose();
            throw new InvalidOperationException(
                "PocketSphinx rejected its configuration (cmd_ln_parse_r failed): " + string.Join(' ', arguments));
        }

        return result;
    }

    protected override unsafe bool ReleaseHandle()
    {
        var remaining = handle == IntPtr.Zero ? 0 : PocketSphinxNative.FreeConfig(handle);
        if (remaining > 0)
        {
            // A decoder still holds the configuration and so uses the keys: leaking them beats a dangling read.
            return true;
        }

        FreeStrings();
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (IsInvalid)
        {
            FreeStrings();
        }
    }

    private unsafe void FreeStrings()
    {
        for (var i = 0; i < _strings.Length; i++)
        {
            Marshal.FreeCoTaskMem(_strings[i]);
            _strings[i] = IntPtr.Zero;
        }

        if (_argv != IntPtr.Zero)
        {
            NativeMemory.Free((void*)_argv);
            _argv = IntPtr.Zero;
        }
    }
}
