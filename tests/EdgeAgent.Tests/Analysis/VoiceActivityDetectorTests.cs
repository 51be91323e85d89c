using EdgeCc.Agent.Analysis;
using Xunit.Abstractions;
using static EdgeCc.Agent.Tests.Analysis.SignalTestAudio;

namespace EdgeCc.Agent.Tests.Analysis;

public sealed class VoiceActivityDetectorTests(ITestOutputHelper output)
{
    private const int Block = VoiceActivityDetector.BlockSize;

    [Theory]
    [InlineData(-65.0)]
    [InlineData(-50.0)]
    [InlineData(-35.0)]
    [InlineData(-20.0)]
    public void White_noise_at_any_level_is_never_speech(double levelDbfs)
    {
        var noise = ToPcm(WhiteNoise(Rate * 10, seed: 1), levelDbfs);

        var (speechBlocks, segments) = Run(noise);

        output.WriteLine($"white {levelDbfs} dBFS: {speechBlocks} speech blocks, {segments} segments");
        Assert.Equal(0, segments);
    }

    [Theory]
    [InlineData(-65.0)]
    [InlineData(-50.0)]
    [InlineData(-35.0)]
    [InlineData(-20.0)]
    public void Pink_noise_at_any_level_is_never_speech(double levelDbfs)
    {
        var noise = ToPcm(PinkNoise(Rate * 10, seed: 2), levelDbfs);

        var (speechBlocks, segments) = Run(noise);

        output.WriteLine($"pink {levelDbfs} dBFS: {speechBlocks} speech blocks, {segments} segments");
        Assert.Equal(0, segments);
    }

    [Fact]
    public void G711_comfort_noise_switching_with_digital_silence_is_never_speech()
    {
        // Silence suppression: the far end sends nothing (decoded as zeros), then comfort noise
        // (RFC 3389) at a low level through mu-law, again and again; each switch is a step of 40 dB.
        var parts = new List<short[]>();
        for (var i = 0; i < 5; i++)
        {
            parts.Add(new short[Rate]);
            parts.Add(ThroughMuLaw(ToPcm(WhiteNoise(Rate * 2, seed: 10 + i), -58 + (4 * i))));
        }

        var (speechBlocks, segments) = Run(Concat([.. parts]));

        output.WriteLine($"comfort noise: {speechBlocks} speech blocks, {segments} segments");
        Assert.Equal(0, segments);
    }

    [Fact]
    public void Line_noise_stepping_up_30_dB_is_absorbed_without_speech()
    {
        var noise = Concat(ToPcm(WhiteNoise(Rate * 3, seed: 3), -65), ToPcm(PinkNoise(Rate * 5, seed: 4), -35));

        var (_, segments) = Run(noise);

        Assert.Equal(0, segments);
    }

    [Fact]
    public void Every_clean_recording_is_found_as_speech_and_agrees_with_the_reference_labels()
    {
        double agreeSum = 0;
        foreach (var path in CleanRecordings)
        {
            var pcm = ReadWav(path);
            var reference = ReferenceLabels(pcm);
            var decided = Decide(pcm);
            var agreement = Agreement(reference, decided);
            agreeSum += agreement;
            output.WriteLine($"{Path.GetFileName(path)}: agreement {agreement:P1}, reference speech {Fraction(reference):P0}, vad speech {Fraction(decided):P0}");
            Assert.True(decided.Any(d => d), path + " had no speech");
            Assert.True(agreement >= 0.75, $"{path}: frame agreement {agreement:P1}");
        }

        var mean = agreeSum / CleanRecordings.Length;
        output.WriteLine($"mean frame agreement (clean): {mean:P1}");
        Assert.True(mean >= 0.88, $"mean agreement {mean:P1}");
    }

    [Theory]
    [InlineData(20.0)]
    [InlineData(10.0)]
    public void Speech_in_pink_line_noise_agrees_with_the_labels_of_the_clean_recording(double snrDb)
    {
        double agreeSum = 0;
        foreach (var path in CleanRecordings)
        {
            var clean = ReadWav(path);
            var reference = ReferenceLabels(clean);
            var speechDbfs = ActiveLevelDbfs(clean, reference);

            // Two seconds of noise alone first, so the floor is learnt from the line as in a real call.
            var lead = Rate * 2;
            var noise = ToPcm(PinkNoise(clean.Length + lead, seed: 7), speechDbfs - snrDb);
            var noisy = Mix(noise, Concat(new short[lead], clean));
            var decided = Decide(noisy).Skip(lead / Block).ToArray();
            var agreement = Agreement(reference, decided);
            agreeSum += agreement;
            output.WriteLine($"{Path.GetFileName(path)} @ {snrDb} dB SNR: agreement {agreement:P1}");
        }

        var mean = agreeSum / CleanRecordings.Length;
        output.WriteLine($"mean frame agreement (pink noise, {snrDb} dB SNR): {mean:P1}");
        Assert.True(mean >= (snrDb >= 20 ? 0.85 : 0.75), $"mean agreement {mean:P1}");
    }

    [Theory]
    [InlineData(10.0)]
    [InlineData(16.0)]
    [InlineData(20.0)]
    public void The_speech_to_noise_ratio_is_measured_within_3_dB_of_the_mixed_one(double snrDb)
    {
        var errors = new List<double>();
        foreach (var path in CleanRecordings)
        {
            // The recordings carry their own noise 26-40 dB under the speech, so the mixed ratio is the truth up to about 20 dB.
            var clean = ReadWav(path);
            var speechDbfs = ActiveLevelDbfs(clean, ReferenceLabels(clean));
            var lead = Rate * 2;
            var noisy = Mix(ToPcm(PinkNoise(clean.Length + lead, seed: 11), speechDbfs - snrDb), Concat(new short[lead], clean));
            var vad = new VoiceActivityDetector();

            vad.Process(noisy);

            var measured = vad.SpeechToNoiseDb;
            output.WriteLine($"{Path.GetFileName(path)} @ {snrDb} dB: measured {measured:0.0} dB");
            Assert.NotNull(measured);
            errors.Add(measured.Value - snrDb);
        }

        var mean = errors.Average();
        output.WriteLine($"mean error {mean:+0.0;-0.0} dB, worst {errors.MaxBy(Math.Abs):+0.0;-0.0} dB");
        Assert.InRange(mean, -3, 3);
        Assert.All(errors, e => Assert.InRange(e, -5, 5));
    }

    [Fact]
    public void Clean_recordings_are_not_noisy_and_too_little_speech_has_no_ratio()
    {
        foreach (var path in CleanRecordings)
        {
            var vad = new VoiceActivityDetector();
            vad.Process(ReadWav(path));
            Assert.True(vad.SpeechToNoiseDb > new AnalysisOptions().NoisyBelowSnrDb, $"{path}: {vad.SpeechToNoiseDb:0.0} dB");
        }

        var shortWord = new VoiceActivityDetector();
        shortWord.Process(ReadWav(CleanRecordings[0]).AsSpan(0, Rate / 2));
        Assert.Null(shortWord.SpeechToNoiseDb);
        var reset = new VoiceActivityDetector();
        reset.Process(ReadWav(CleanRecordings[0]));
        reset.Reset();
        Assert.Null(reset.SpeechToNoiseDb);
    }

    [Fact]
    public void Segment_events_bracket_the_spoken_part_after_leading_noise()
    {
        var clean = ReadWav("speech/pocketsphinx/misc/goforward.derived.wav");
        var reference = ReferenceLabels(clean);
        var firstSpeech = TimeSpan.FromMilliseconds(10 * Array.IndexOf(reference, true));
        var lastSpeech = TimeSpan.FromMilliseconds(10 * (Array.LastIndexOf(reference, true) + 1));
        var lead = TimeSpan.FromSeconds(2);
        var audio = Mix(ToPcm(WhiteNoise(Rate * 8, seed: 5), -50), Concat(new short[Rate * 2], clean));

        var vad = new VoiceActivityDetector();
        var segments = new List<VoiceActivitySegment>();
        var starts = 0;
        vad.SpeechStarted += (_, _) => starts++;
        vad.SpeechEnded += (_, s) => segments.Add(s);
        for (var i = 0; i + 320 <= audio.Length; i += 320)
        {
            vad.Process(audio.AsSpan(i, 320));
        }

        Assert.Equal(starts, segments.Count);
        Assert.NotEmpty(segments);
        output.WriteLine(string.Join(", ", segments.Select(s => $"{s.Start.TotalSeconds:F2}-{s.End.TotalSeconds:F2}")));
        output.WriteLine($"reference {firstSpeech.TotalSeconds:F2}-{lastSpeech.TotalSeconds:F2}");
        Assert.InRange(segments[0].Start, lead + firstSpeech - TimeSpan.FromMilliseconds(100), lead + firstSpeech + TimeSpan.FromMilliseconds(150));
        Assert.InRange(segments[^1].End, lead + lastSpeech - TimeSpan.FromMilliseconds(200), lead + lastSpeech + TimeSpan.FromMilliseconds(100));
        Assert.False(vad.IsSpeech);
    }

    [Fact]
    public void Decisions_do_not_depend_on_the_frame_size()
    {
        var pcm = ReadWav("speech/cmu_arctic/cmu_arctic_us_aew_a0002.wav");
        var blockwise = Decide(pcm);

        var vad = new VoiceActivityDetector();
        var odd = new List<bool>();
        var fed = 0;
        var sizes = new[] { 37, 160, 320, 1, 480, 99 };
        for (var k = 0; fed < pcm.Length; k++)
        {
            var n = Math.Min(sizes[k % sizes.Length], pcm.Length - fed);
            var before = vad.Position;
            vad.Process(pcm.AsSpan(fed, n));
            fed += n;
            if (vad.Position != before)
            {
                odd.Add(vad.IsSpeech);
            }
        }

        Assert.Equal(pcm.Length / Block, (int)(vad.Position.TotalMilliseconds / 10));
        Assert.Equal(blockwise.Count(d => d), CountSpeechAtBlockEnds(pcm));
        Assert.True(odd.Count <= blockwise.Length);
    }

    [Fact]
    public void A_steady_tone_is_absorbed_by_the_floor_within_seconds()
    {
        // A tone is not flat, so it starts a segment; the in-speech floor rise must end it.
        var tone = Sine(1000, 30, 3000);

        var vad = new VoiceActivityDetector();
        for (var i = 0; i + Block <= tone.Length; i += Block)
        {
            vad.Process(tone.AsSpan(i, Block));
        }

        Assert.False(vad.IsSpeech);
    }

    /// <summary>
    /// The reference labelling of a clean recording, per 10 ms block: a block is speech when its
    /// level is at least 15 dB above the recording's 10th-percentile block (its room noise) and
    /// within 40 dB of its loudest block; pauses shorter than 250 ms between speech blocks are
    /// speech too (word gaps, stop closures).
    /// </summary>
    internal static bool[] ReferenceLabels(short[] pcm)
    {
        var n = pcm.Length / Block;
        var levels = new double[n];
        for (var b = 0; b < n; b++)
        {
            levels[b] = RmsDbfs(pcm.AsSpan(b * Block, Block));
        }

        var sorted = levels.Order().ToArray();
        var threshold = Math.Max(sorted[n / 10] + 15, sorted[^1] - 40);
        var labels = levels.Select(l => l >= threshold).ToArray();
        var last = -1;
        for (var b = 0; b < n; b++)
        {
            if (!labels[b])
            {
                continue;
            }

            if (last >= 0 && b - last - 1 < 25)
            {
                for (var g = last + 1; g < b; g++)
                {
                    labels[g] = true;
                }
            }

            last = b;
        }

        return labels;
    }

    internal static bool[] Decide(short[] pcm)
    {
        var vad = new VoiceActivityDetector();
        var decided = new bool[pcm.Length / Block];
        for (var b = 0; b < decided.Length; b++)
        {
            decided[b] = vad.Process(pcm.AsSpan(b * Block, Block));
        }

        return decided;
    }

    private static int CountSpeechAtBlockEnds(short[] pcm) => Decide(pcm).Count(d => d);

    private static double ActiveLevelDbfs(short[] pcm, bool[] labels)
    {
        double sum = 0;
        long n = 0;
        for (var b = 0; b < labels.Length; b++)
        {
            if (labels[b])
            {
                foreach (var s in pcm.AsSpan(b * Block, Block))
                {
                    sum += (double)s * s;
                }

                n += Block;
            }
        }

        return 10 * Math.Log10(sum / n) - (20 * Math.Log10(32768));
    }

    private static double Agreement(bool[] reference, bool[] decided)
    {
        var n = Math.Min(reference.Length, decided.Length);
        var same = 0;
        for (var i = 0; i < n; i++)
        {
            same += reference[i] == decided[i] ? 1 : 0;
        }

        return (double)same / n;
    }

    private static double Fraction(bool[] labels) => (double)labels.Count(l => l) / labels.Length;

    private static (int SpeechBlocks, int Segments) Run(short[] pcm)
    {
        var vad = new VoiceActivityDetector();
        var segments = 0;
        vad.SpeechStarted += (_, _) => segments++;
        var speech = 0;
        for (var i = 0; i + 320 <= pcm.Length; i += 320)
        {
            speech += vad.Process(pcm.AsSpan(i, 320)) ? 1 : 0;
        }

        return (speech, segments);
    }
}
