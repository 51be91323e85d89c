using EdgeCc.Agent.Audio;

namespace EdgeCc.Agent.Tests.Audio;

public sealed class WavReaderTests
{
    private static readonly byte[] Mono8k = RiffBuilder.Fmt(1, 1, 8000, 16);
    private static readonly byte[] Stereo8k = RiffBuilder.Fmt(1, 2, 8000, 16);

    [Fact]
    public void Stereo_pcm16_is_split_into_agent_and_customer_channels()
    {
        var file = new RiffBuilder().Chunk("fmt ", Stereo8k).Chunk("data", RiffBuilder.Pcm16(1, -1, 2, -2, short.MaxValue, short.MinValue)).Build();

        var audio = Read(file);

        Assert.Equal(8000, audio.SampleRate);
        Assert.Equal(WavEncoding.Pcm16, audio.Encoding);
        Assert.False(audio.Truncated);
        Assert.Equal(new short[] { 1, 2, short.MaxValue }, audio.Channels[0]);
        Assert.Equal(new short[] { -1, -2, short.MinValue }, audio.Channels[1]);
    }

    [Fact]
    public void List_chunk_with_odd_size_before_fmt_is_skipped_with_its_pad_byte()
    {
        var file = new RiffBuilder()
            .Chunk("LIST", "INFOISFT\u0003\0\0\0ab\0"u8.ToArray())
            .Chunk("fmt ", Mono8k)
            .Chunk("junk", new byte[] { 1, 2, 3 })
            .Chunk("data", RiffBuilder.Pcm16(5, 6, 7))
            .Build();

        var audio = Read(file);

        Assert.Equal(new short[] { 5, 6, 7 }, audio.Channels[0]);
        Assert.False(audio.Truncated);
    }

    [Fact]
    public void Chunks_after_data_are_not_needed()
    {
        var file = new RiffBuilder()
            .Chunk("fmt ", Mono8k)
            .Chunk("data", RiffBuilder.Pcm16(9))
            .Chunk("LIST", new byte[10], declaredSize: 5000) // broken trailer, never read
            .Build();

        Assert.Equal(new short[] { 9 }, Read(file).Channels[0]);
    }

    [Fact]
    public void Data_chunk_before_fmt_is_still_decoded()
    {
        var file = new RiffBuilder().Chunk("data", RiffBuilder.Pcm16(3, 4)).Chunk("fmt ", Mono8k).Build();

        Assert.Equal(new short[] { 3, 4 }, Read(file).Channels[0]);
    }

    [Theory]
    [InlineData(1, WavEncoding.Pcm16)]
    [InlineData(7, WavEncoding.MuLaw)]
    [InlineData(6, WavEncoding.ALaw)]
    public void Extensible_format_with_pcm_or_g711_subformat_is_read(ushort subTag, WavEncoding expected)
    {
        var bits = (ushort)(expected == WavEncoding.Pcm16 ? 16 : 8);
        var payload = expected == WavEncoding.Pcm16 ? RiffBuilder.Pcm16(100, -100) : [0xFF, 0xD5];
        var file = new RiffBuilder().Chunk("fmt ", RiffBuilder.ExtensibleFmt(subTag, 2, 16000, bits)).Chunk("data", payload).Build();

        var audio = Read(file);

        Assert.Equal(expected, audio.Encoding);
        Assert.Equal(16000, audio.SampleRate);
        Assert.Equal(2, audio.Channels.Length);
        Assert.Single(audio.Channels[0]);
        if (expected == WavEncoding.Pcm16)
        {
            Assert.Equal(100, audio.Channels[0][0]);
            Assert.Equal(-100, audio.Channels[1][0]);
        }
        else
        {
            var decode = expected == WavEncoding.MuLaw ? (Func<byte, short>)G711.MuLawToLinear : G711.ALawToLinear;
            Assert.Equal(decode(0xFF), audio.Channels[0][0]);
            Assert.Equal(decode(0xD5), audio.Channels[1][0]);
        }
    }

    [Fact]
    public void Data_chunk_running_past_the_end_keeps_whole_frames_and_is_marked_truncated()
    {
        // 7 stereo PCM16 bytes: one whole frame (4 bytes) plus three bytes of the next.
        var file = new RiffBuilder().Chunk("fmt ", Stereo8k).Chunk("data", [1, 0, 2, 0, 3, 0, 4], declaredSize: 1000, pad: false).Build();

        var audio = Read(file);

        Assert.True(audio.Truncated);
        Assert.Equal(new short[] { 1 }, audio.Channels[0]);
        Assert.Equal(new short[] { 2 }, audio.Channels[1]);
    }

    [Theory]
    [InlineData(0xFFFF_FFFFu)]
    [InlineData(0u)]
    public void Streaming_writer_placeholder_size_reads_to_the_end(uint placeholder)
    {
        var file = new RiffBuilder().Chunk("fmt ", Mono8k).Chunk("data", RiffBuilder.Pcm16(10, 20, 30), declaredSize: placeholder).Build();

        var seekable = Read(file);
        var unseekable = WavReader.Read(new ForwardOnlyStream(file), "live.wav");

        foreach (var audio in new[] { seekable, unseekable })
        {
            Assert.True(audio.Truncated);
            Assert.Equal(new short[] { 10, 20, 30 }, audio.Channels[0]);
        }
    }

    [Fact]
    public void Empty_data_chunk_followed_by_chunks_is_empty_not_truncated()
    {
        var file = new RiffBuilder().Chunk("fmt ", Mono8k).Chunk("data", []).Chunk("LIST", new byte[] { 1, 2, 3 }).Build();

        var audio = Read(file);

        Assert.False(audio.Truncated);
        Assert.Empty(audio.Channels[0]);
    }

    [Fact]
    public void Empty_data_chunk_before_fmt_still_finds_the_format()
    {
        var file = new RiffBuilder().Chunk("data", []).Chunk("fmt ", RiffBuilder.Fmt(7, 1, 8000, 8)).Build();

        var audio = Read(file);

        Assert.Equal(WavEncoding.MuLaw, audio.Encoding);
        Assert.Empty(audio.Channels[0]);
    }

    [Fact]
    public void Partial_last_frame_is_dropped_and_marked_truncated()
    {
        var file = new RiffBuilder().Chunk("fmt ", Stereo8k).Chunk("data", [1, 0, 2, 0, 3, 0]).Build();

        var audio = Read(file);

        Assert.True(audio.Truncated);
        Assert.Single(audio.Channels[0]);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46 })]
    [InlineData(new byte[] { 0x4F, 0x67, 0x67, 0x53, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    public void Garbage_is_not_a_riff_wave_file(byte[] file)
    {
        AssertBad(file, "'x.wav': not a RIFF/WAVE file");
    }

    [Fact]
    public void Riff_that_is_not_wave_is_refused()
    {
        AssertBad(new RiffBuilder().Chunk("fmt ", Mono8k).Build(wave: "AVI "), "'x.wav': not a RIFF/WAVE file");
    }

    [Fact]
    public void Big_endian_rifx_is_refused()
    {
        AssertBad(new RiffBuilder().Chunk("fmt ", Mono8k).Build(riff: "RIFX"), "'x.wav': not a RIFF/WAVE file");
    }

    [Fact]
    public void Rf64_is_refused_by_name()
    {
        AssertBad(new RiffBuilder().Chunk("fmt ", Mono8k).Build(riff: "RF64"), "'x.wav': RF64/BW64 (WAV over 4 GiB) is not supported");
    }

    [Fact]
    public void Mpeg_layer_3_is_refused_naming_the_tag()
    {
        var file = new RiffBuilder().Chunk("fmt ", RiffBuilder.Fmt(0x0055, 1, 8000, 0, blockAlign: 1)).Chunk("data", new byte[4]).Build();

        AssertBad(file, "'x.wav': format tag 0x0055 (MPEG Layer III) is not supported; use PCM16, μ-law or A-law");
    }

    [Fact]
    public void Float_inside_extensible_is_refused_naming_the_tag()
    {
        var file = new RiffBuilder().Chunk("fmt ", RiffBuilder.ExtensibleFmt(3, 1, 48000, 32)).Chunk("data", new byte[4]).Build();

        AssertBad(file, "'x.wav': format tag 0x0003 (IEEE float) is not supported; use PCM16, μ-law or A-law");
    }

    [Fact]
    public void Extensible_with_a_foreign_subformat_guid_is_refused()
    {
        var guid = new Guid("6dba3190-67bd-11cf-a0f7-0020afd156e4");
        var file = new RiffBuilder().Chunk("fmt ", RiffBuilder.ExtensibleFmt(0, 1, 8000, 16, guid)).Chunk("data", new byte[4]).Build();

        AssertBad(file, $"'x.wav': extensible sub-format {guid} is not supported; use PCM16, μ-law or A-law");
    }

    [Fact]
    public void Extensible_fmt_chunk_too_short_for_its_subformat_is_refused()
    {
        var fmt = RiffBuilder.ExtensibleFmt(1, 1, 8000, 16).AsSpan(0, 18).ToArray();
        var file = new RiffBuilder().Chunk("fmt ", fmt).Chunk("data", new byte[4]).Build();

        AssertBad(file, "'x.wav': extensible fmt chunk is 18 bytes, 40 are needed");
    }

    [Theory]
    [InlineData(24, "'x.wav': 24-bit PCM is not supported; use 16-bit")]
    [InlineData(8, "'x.wav': 8-bit PCM is not supported; use 16-bit")]
    [InlineData(32, "'x.wav': 32-bit PCM is not supported; use 16-bit")]
    public void Pcm_other_than_16_bit_is_refused(ushort bits, string message)
    {
        var file = new RiffBuilder().Chunk("fmt ", RiffBuilder.Fmt(1, 1, 8000, bits)).Chunk("data", new byte[12]).Build();

        AssertBad(file, message);
    }

    [Fact]
    public void G711_with_16_bits_per_sample_is_refused()
    {
        var file = new RiffBuilder().Chunk("fmt ", RiffBuilder.Fmt(7, 1, 8000, 16)).Chunk("data", new byte[4]).Build();

        AssertBad(file, "'x.wav': 16-bit μ-law is not supported; G.711 has 8 bits per sample");
    }

    [Fact]
    public void Missing_data_chunk_is_refused()
    {
        AssertBad(new RiffBuilder().Chunk("fmt ", Mono8k).Chunk("LIST", new byte[6]).Build(), "'x.wav': no data chunk");
    }

    [Fact]
    public void Missing_fmt_chunk_is_refused()
    {
        AssertBad(new RiffBuilder().Chunk("data", new byte[6]).Build(), "'x.wav': no fmt chunk");
    }

    [Fact]
    public void Chunk_running_past_the_end_before_data_means_no_data_chunk()
    {
        var file = new RiffBuilder().Chunk("fmt ", Mono8k).Chunk("LIST", new byte[6], declaredSize: 600).Build();

        AssertBad(file, "'x.wav': no data chunk");
    }

    [Fact]
    public void Short_fmt_chunk_is_refused()
    {
        AssertBad(new RiffBuilder().Chunk("fmt ", new byte[10]).Chunk("data", new byte[2]).Build(), "'x.wav': fmt chunk is 10 bytes, at least 16 are needed");
    }

    [Fact]
    public void Fmt_chunk_running_past_the_end_is_refused()
    {
        var file = new RiffBuilder().Chunk("fmt ", Mono8k.AsSpan(0, 12).ToArray(), declaredSize: 16).Build();

        AssertBad(file, "'x.wav': fmt chunk runs past the end of the file");
    }

    [Fact]
    public void More_than_two_channels_are_refused()
    {
        var file = new RiffBuilder().Chunk("fmt ", RiffBuilder.Fmt(1, 6, 48000, 16)).Chunk("data", new byte[12]).Build();

        AssertBad(file, "'x.wav': 6 channels are not supported; use mono or stereo (agent, customer)");
    }

    [Fact]
    public void Zero_channels_are_refused()
    {
        var file = new RiffBuilder().Chunk("fmt ", RiffBuilder.Fmt(1, 0, 8000, 16)).Chunk("data", new byte[2]).Build();

        AssertBad(file, "'x.wav': fmt chunk declares 0 channels");
    }

    [Fact]
    public void Zero_sample_rate_is_refused()
    {
        var file = new RiffBuilder().Chunk("fmt ", RiffBuilder.Fmt(1, 1, 0, 16)).Chunk("data", new byte[2]).Build();

        AssertBad(file, "'x.wav': sample rate 0 Hz is not supported");
    }

    [Fact]
    public void Block_align_that_does_not_match_the_format_is_refused()
    {
        var file = new RiffBuilder().Chunk("fmt ", RiffBuilder.Fmt(1, 1, 8000, 16, blockAlign: 4)).Chunk("data", new byte[8]).Build();

        AssertBad(file, "'x.wav': block align 4 does not match 1 channel(s) of 16-bit samples");
    }

    [Fact]
    public void Two_fmt_chunks_are_refused()
    {
        AssertBad(new RiffBuilder().Chunk("fmt ", Mono8k).Chunk("fmt ", Mono8k).Chunk("data", new byte[2]).Build(), "'x.wav': more than one fmt chunk");
    }

    [Fact]
    public void Reading_by_path_names_the_path_in_errors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgecc-{Guid.NewGuid():N}.wav");
        File.WriteAllBytes(path, "not audio at all"u8.ToArray());
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => WavReader.Read(path));
            Assert.Equal($"'{path}': not a RIFF/WAVE file", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static WavAudio Read(byte[] file) => WavReader.Read(new MemoryStream(file), "x.wav");

    private static void AssertBad(byte[] file, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => Read(file));
        Assert.Equal(message, error.Message);
        var again = Assert.Throws<InvalidDataException>(() => WavReader.Read(new ForwardOnlyStream(file), "x.wav"));
        Assert.Equal(message, again.Message);
    }
}
