using EdgeCc.Agent.Analysis.Evaluation;

namespace EdgeCc.Agent.Tests.Analysis.Evaluation;

public sealed class CalibrationSplitTests
{
    private static CorpusSet Set(params string?[] voices)
        => new() { Name = "s", Items = [.. voices.Select((v, i) => new CorpusItem { File = $"{i}.wav", Voice = v })] };

    [Fact]
    public void Files_are_split_by_voice_alternately_in_name_order_so_held_out_voices_are_unseen()
    {
        var set = Set("slt", "kal", "awb", "kal", "rms", "slt");

        // awb 0, kal 1, rms 0, slt 1.
        Assert.Equal([1, 1, 0, 1, 0, 1], CalibrationSplit.Halves(set));
        Assert.Equal(["awb", "rms"], CalibrationSplit.Voices(set, CalibrationSplit.Calibration));
        Assert.Equal(["kal", "slt"], CalibrationSplit.Voices(set, CalibrationSplit.HeldOut));
    }

    [Fact]
    public void A_set_of_one_voice_is_split_by_even_and_odd_file()
    {
        Assert.Equal([0, 1, 0, 1, 0], CalibrationSplit.Halves(Set("librivox", "librivox", "librivox", "librivox", "librivox")));
        Assert.Equal([0, 1, 0], CalibrationSplit.Halves(Set(null, null, null)));
    }
}
