using System.Runtime.InteropServices;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// libpocketsphinx 5prealpha (Debian libpocketsphinx3) and the libsphinxbase functions it relies on. Only the
/// argv form of configuration is used: the C varargs <c>cmd_ln_init</c> cannot be called portably from .NET.
/// </summary>
internal static partial class PocketSphinxNative
{
    public const string PocketSphinxLibrary = "libpocketsphinx.so.3";

    public const string SphinxBaseLibrary = "libsphinxbase.so.3";

    /// <summary>Acoustic scores in the search are log(base 1.0001) values shifted right by this (SENSCR_SHIFT in hmm.h).</summary>
    public const int ScoreShift = 10;

    /// <summary>kws_search.c subtracts this (KWS_MAX) from a detection's keyword-minus-phone-loop score.</summary>
    public const int KwsScoreOffset = 1500;

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_args")]
    internal static partial IntPtr Args();

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_init")]
    internal static partial IntPtr Init(PsConfigHandle config);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_free")]
    internal static partial int Free(IntPtr decoder);

    /// <summary>
    /// Restarts the stream clock: ps_seg_frames adds the utterance's offset in the stream (acmod utt_start_frame,
    /// counted by the front end across utterances), so without this, frames are not relative to the utterance.
    /// </summary>
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_start_stream")]
    internal static partial int StartStream(PsDecoderHandle decoder);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_start_utt")]
    internal static partial int StartUtterance(PsDecoderHandle decoder);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_end_utt")]
    internal static partial int EndUtterance(PsDecoderHandle decoder);

    /// <returns>Frames searched, or &lt;0 on error.</returns>
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_process_raw")]
    internal static unsafe partial int ProcessRaw(PsDecoderHandle decoder, short* data, nuint samples, int noSearch, int fullUtterance);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_get_logmath")]
    internal static partial IntPtr GetLogMath(PsDecoderHandle decoder);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_get_feat")]
    internal static partial IntPtr GetFeat(PsDecoderHandle decoder);

    /// <returns>The first segment, or null; the iterator frees itself when <see cref="SegmentNext"/> returns null.</returns>
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_seg_iter")]
    internal static partial IntPtr SegmentIterator(PsDecoderHandle decoder);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_seg_next")]
    internal static partial IntPtr SegmentNext(IntPtr segment);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_seg_word")]
    internal static partial IntPtr SegmentWord(IntPtr segment);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_seg_frames")]
    internal static partial void SegmentFrames(IntPtr segment, out int startFrame, out int endFrame);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_seg_prob")]
    internal static partial int SegmentProbability(IntPtr segment, out int acousticScore, out int languageScore, out int languageBackoff);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_seg_free")]
    internal static partial void SegmentFree(IntPtr segment);

    /// <param name="argv">char*[argc]; the strings must outlive the result: they become its hash keys.</param>
    [LibraryImport(SphinxBaseLibrary, EntryPoint = "cmd_ln_parse_r")]
    internal static partial IntPtr ParseConfig(IntPtr previous, IntPtr definitions, int argc, IntPtr argv, int strict);

    /// <returns>The references still held (the decoder retains its config), 0 once freed.</returns>
    [LibraryImport(SphinxBaseLibrary, EntryPoint = "cmd_ln_free_r")]
    internal static partial int FreeConfig(IntPtr config);

    /// <summary>NULL disables sphinxbase's log (err.h); it is process-wide, unlike <c>-logfn</c> it opens no file.</summary>
    [LibraryImport(SphinxBaseLibrary, EntryPoint = "err_set_logfp")]
    internal static partial void SetLogFile(IntPtr stream);

    [LibraryImport(SphinxBaseLibrary, EntryPoint = "logmath_get_base")]
    internal static partial double LogMathBase(IntPtr logMath);
}
