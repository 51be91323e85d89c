using EdgeCc.Agent.Audio;

namespace EdgeCc.Agent.Tests.Audio;

public sealed class WavWriterTests
{
    [Theory]
    [InlineData(WavEncoding.Pcm16, 8000, 1, 160)]
    [InlineData(WavEncoding.Pcm16, 16000, 2, 321)]
    [InlineData(WavEncoding.Pcm16, 11025, 2, 999)]
    [InlineData(WavEncoding.MuLaw, 8000, 1, 161)]
    [InlineData(WavEncoding.MuLaw, 8000, 2, 160)]
    [InlineData(WavEncoding.ALaw, 22050, 1, 77)]
    [InlineData(WavEncoding.ALaw, 12345, 2, 5000)]
    [InlineData(WavEncoding.Pcm16, 8000, 2, 0)]
    public void Written_file_reads_back_to_the_same_audio(WavEncoding encoding, int sampleRate, int channelCount, int frames)
    {
        var channels = new short[channelCount][];
        for (var c = 0; c < channelCount; c++)
        {
            channels[c] = new short[frames];
            for (var i = 0; i < frames; i++)
            {
                channels[c][i] = (short)((((i * 7919) + (c * 104_729)) % 65_536) - 32_768);
            }
        }

        using var stream = new MemoryStream();
        WavWriter.Write(stream, sampleRate, encoding, channels);
        var bytes = stream.ToArray();
        Assert.Equal(0, bytes.Length % 2); // odd data chunks get their pad byte

        var audio = WavReader.Read(new MemoryStream(bytes), "round-trip.wav");

        Assert.Equal(sampleRate, audio.SampleRate);
        Assert.Equal(encoding, audio.Encoding);
        Assert.False(audio.Truncated);
        Assert.Equal(channelCount, audio.Channels.Length);
        for (var c = 0; c < channelCount; c++)
        {
            Assert.Equal(Expected(channels[c], encoding), audio.Channels[c]);
        }
    }

    [Fact]
    public void Pcm16_header_is_the_canonical_44_bytes()
    {
        using var stream = new MemoryStream();
        WavWriter.Write(stream, 8000, WavEncoding.Pcm16, [1, 2]);
        var bytes = stream.ToArray();

        Assert.Equal(44 + 4, bytes.Length);
        Assert.Equal("RIFF"u8.ToArray(), bytes[..4]);
        Assert.Equal(new byte[] { 40, 0, 0, 0 }, bytes[4..8]);
        Assert.Equal("data"u8.ToArray(), bytes[36..40]);
        Assert.Equal(new byte[] { 4, 0, 0, 0 }, bytes[40..44]);
    }

    [Fact]
    public void G711_file_carries_a_fact_chunk_with_the_frame_count()
    {
        using var stream = new MemoryStream();
        WavWriter.Write(stream, 8000, WavEncoding.ALaw, new short[3], new short[3]);
        var bytes = stream.ToArray();

        Assert.Equal("fact"u8.ToArray(), bytes[38..42]);
        Assert.Equal(new byte[] { 3, 0, 0, 0 }, bytes[46..50]);
    }

    [Fact]
    public void Writing_to_a_path_reads_back_by_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgecc-{Guid.NewGuid():N}.wav");
        try
        {
            WavWriter.Write(path, 8000, WavEncoding.MuLaw, [0, 1000, -1000], [5, 6, 7]);
            var audio = WavReader.Read(path);
            Assert.Equal(Expected([0, 1000, -1000], WavEncoding.MuLaw), audio.Channels[0]);
            Assert.Equal(TimeSpan.FromSeconds(3.0 / 8000), audio.Duration);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Channels_of_different_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => WavWriter.Write(new MemoryStream(), 8000, WavEncoding.Pcm16, new short[3], new short[2]));
    }

    [Fact]
    public void More_than_two_channels_are_refused()
    {
        Assert.Throws<ArgumentException>(() => WavWriter.Write(new MemoryStream(), 8000, WavEncoding.Pcm16, new short[1], new short[1], new short[1]));
    }

    [Fact]
    public void Non_positive_sample_rate_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WavWriter.Write(new MemoryStream(), 0, WavEncoding.Pcm16, new short[1]));
    }

    private static short[] Expected(short[] samples, WavEncoding encoding)
    {
        var result = new short[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            result[i] = encoding switch
            {
                WavEncoding.MuLaw => G711.MuLawToLinear(G711.LinearToMuLaw(samples[i])),
                WavEncoding.ALaw => G711.ALawToLinear(G711.LinearToALaw(samples[i])),
                _ => samples[i],
            };
        }

        return result;
    }
}
