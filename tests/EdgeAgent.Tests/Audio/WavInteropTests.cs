using EdgeCc.Agent.Audio;

namespace EdgeCc.Agent.Tests.Audio;

/// <summary>WAV files written and read by real tools (sox, ffmpeg) against ours.</summary>
public sealed class WavInteropTests
{
    public static TheoryData<string> SharedWavFiles()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(TestPaths.Shared("speech"), "*.wav", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(TestPaths.SharedTestData, path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SharedWavFiles))]
    public void Shared_speech_wav_decodes_like_sox(string relative)
    {
        var path = TestPaths.Shared(relative);

        var audio = WavReader.Read(path);
        var expected = ExternalTool.Run(ExternalTool.Sox, path, "-t", "raw", "-e", "signed-integer", "-b", "16", "-L", "-");

        Assert.False(audio.Truncated);
        Assert.Equal(ExternalTool.Deinterleave(expected, audio.Channels.Length), audio.Channels);
    }

    [Theory]
    [InlineData("pcm_mulaw", 2, 8000, WavEncoding.MuLaw)]
    [InlineData("pcm_alaw", 1, 8000, WavEncoding.ALaw)]
    [InlineData("pcm_s16le", 2, 16000, WavEncoding.Pcm16)]
    [InlineData("pcm_s16le", 2, 96000, WavEncoding.Pcm16)] // ffmpeg writes WAVE_FORMAT_EXTENSIBLE above 48 kHz
    public void Ffmpeg_streamed_to_a_pipe_is_read_as_truncated_with_the_right_samples(string codec, int channelCount, int rate, WavEncoding encoding)
    {
        // Writing to a pipe, ffmpeg cannot seek back: it leaves 0xFFFFFFFF as the data size, with a LIST chunk before data.
        var wav = ExternalTool.Run(ExternalTool.Ffmpeg, "-v", "error", "-f", "lavfi", "-i", $"sine=f=440:d=0.3:r={rate}",
            "-af", "volume=0.7", "-ac", channelCount.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c:a", codec, "-f", "wav", "pipe:1");
        var temp = Path.Combine(Path.GetTempPath(), $"edgecc-{Guid.NewGuid():N}.wav");
        File.WriteAllBytes(temp, wav);
        try
        {
            var expected = ExternalTool.Run(ExternalTool.Ffmpeg, "-v", "error", "-i", temp, "-f", "s16le", "-c:a", "pcm_s16le", "pipe:1");

            var audio = WavReader.Read(new MemoryStream(wav), "pipe.wav");

            Assert.True(audio.Truncated);
            Assert.Equal(encoding, audio.Encoding);
            Assert.Equal(rate, audio.SampleRate);
            Assert.Equal(ExternalTool.Deinterleave(expected, channelCount), audio.Channels);
            Assert.Equal(0.3, audio.Duration.TotalSeconds, 3);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    [Fact]
    public void Ffmpeg_24_bit_file_is_refused_with_a_clear_message()
    {
        var temp = Path.Combine(Path.GetTempPath(), $"edgecc-{Guid.NewGuid():N}.wav");
        ExternalTool.Run(ExternalTool.Ffmpeg, "-v", "error", "-f", "lavfi", "-i", "sine=f=440:d=0.05:r=48000", "-c:a", "pcm_s24le", temp);
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => WavReader.Read(temp));
            Assert.Equal($"'{temp}': 24-bit PCM is not supported; use 16-bit", error.Message);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    [Theory]
    [InlineData(WavEncoding.Pcm16, 1, 8000)]
    [InlineData(WavEncoding.MuLaw, 2, 8000)]
    [InlineData(WavEncoding.ALaw, 2, 8000)]
    [InlineData(WavEncoding.Pcm16, 2, 22050)]
    public void Files_we_write_decode_in_ffmpeg_to_the_same_samples(WavEncoding encoding, int channelCount, int rate)
    {
        var channels = new short[channelCount][];
        for (var c = 0; c < channelCount; c++)
        {
            channels[c] = new short[1001];
            for (var i = 0; i < channels[c].Length; i++)
            {
                channels[c][i] = (short)(12_000 * Math.Sin((2 * Math.PI * (300 + (200 * c)) * i / rate) + c));
            }
        }

        var temp = Path.Combine(Path.GetTempPath(), $"edgecc-{Guid.NewGuid():N}.wav");
        WavWriter.Write(temp, rate, encoding, channels);
        try
        {
            var decoded = ExternalTool.Run(ExternalTool.Ffmpeg, "-v", "error", "-i", temp, "-f", "s16le", "-c:a", "pcm_s16le", "pipe:1");

            Assert.Equal(WavReader.Read(temp).Channels, ExternalTool.Deinterleave(decoded, channelCount));
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
