using System.Buffers.Binary;
using EdgeCc.Agent.Audio;

namespace EdgeCc.Agent.Tests.Audio;

public sealed class G711Tests
{
    [Fact]
    public void MuLaw_decoding_matches_rtplib_reference_bit_exactly()
    {
        var codes = File.ReadAllBytes(TestPaths.Shared("codec/rtplib/pcmu/raw-ulaw.raw"));
        var expected = ReadS16Le(TestPaths.Shared("codec/rtplib/pcmu/raw-pcm16.from_ulaw"));
        Assert.Equal(codes.Length, expected.Length);

        var pcm = new short[codes.Length];
        G711.MuLawToLinear(codes, pcm);

        AssertSame(expected, pcm);
    }

    [Fact]
    public void ALaw_decoding_matches_rtplib_reference_bit_exactly()
    {
        var codes = File.ReadAllBytes(TestPaths.Shared("codec/rtplib/pcma/raw-alaw.raw"));
        var expected = ReadS16Le(TestPaths.Shared("codec/rtplib/pcma/raw-pcm16.from_alaw"));
        Assert.Equal(codes.Length, expected.Length);

        var pcm = new short[codes.Length];
        G711.ALawToLinear(codes, pcm);

        AssertSame(expected, pcm);
    }

    // G.711 Table 2a gives μ-law decoder outputs on a 14-bit scale (max 8031); ours are 16-bit, i.e. x4.
    [Theory]
    [InlineData(0xFF, 0)]          // positive zero
    [InlineData(0x7F, 0)]          // negative zero
    [InlineData(0xFE, 8)]          // segment 1, first step: 2
    [InlineData(0xF0, 120)]        // end of segment 1: 30
    [InlineData(0xEF, 132)]        // start of segment 2: 33
    [InlineData(0xE0, 372)]        // end of segment 2: 93
    [InlineData(0xDF, 396)]        // start of segment 3: 99
    [InlineData(0x8F, 16_764)]     // start of segment 8: 4191
    [InlineData(0x80, 32_124)]     // top of segment 8: 8031
    [InlineData(0x00, -32_124)]
    [InlineData(0x70, -120)]
    public void MuLaw_decodes_itu_table_values(int code, int expected)
    {
        Assert.Equal(expected, G711.MuLawToLinear((byte)code));
    }

    // G.711 Table 1a gives A-law decoder outputs on a 13-bit scale (max 4032); ours are 16-bit, i.e. x8.
    // Even bits are inverted on the wire, so 0xD5 is the smallest positive code and 0x55 the smallest negative one.
    [Theory]
    [InlineData(0xD5, 8)]          // segment 1, first step: 1
    [InlineData(0x55, -8)]
    [InlineData(0xDA, 248)]        // end of segment 1: 31
    [InlineData(0xC5, 264)]        // start of segment 2: 33
    [InlineData(0xCA, 504)]        // end of segment 2: 63
    [InlineData(0xF5, 528)]        // start of segment 3: 66
    [InlineData(0xA5, 16_896)]     // start of segment 8: 2112
    [InlineData(0xAA, 32_256)]     // top of segment 8: 4032
    [InlineData(0x2A, -32_256)]
    public void ALaw_decodes_itu_table_values(int code, int expected)
    {
        Assert.Equal(expected, G711.ALawToLinear((byte)code));
    }

    [Theory]
    [InlineData(0, 0xFF)]
    [InlineData(-1, 0x7F)]         // tiny negative values fall in the negative-zero interval
    [InlineData(3, 0xFF)]          // decision value 1 (14-bit) = 4 (16-bit)
    [InlineData(4, 0xFE)]
    [InlineData(32_767, 0x80)]
    [InlineData(-32_768, 0x00)]
    public void MuLaw_encodes_decision_points(int sample, int expected)
    {
        Assert.Equal(expected, G711.LinearToMuLaw((short)sample));
    }

    [Theory]
    [InlineData(0, 0xD5)]
    [InlineData(-1, 0x55)]
    [InlineData(15, 0xD5)]         // decision value 2 (13-bit) = 16 (16-bit)
    [InlineData(16, 0xD4)]
    [InlineData(32_767, 0xAA)]
    [InlineData(-32_768, 0x2A)]
    public void ALaw_encodes_decision_points(int sample, int expected)
    {
        Assert.Equal(expected, G711.LinearToALaw((short)sample));
    }

    [Fact]
    public void MuLaw_round_trip_error_stays_within_half_a_segment_step()
    {
        for (var x = short.MinValue; ; x++)
        {
            var decoded = G711.MuLawToLinear(G711.LinearToMuLaw(x));
            var magnitude = Math.Abs((int)x);
            if (magnitude > 32_635)
            {
                // Beyond the last decision value the encoder clips to the top code.
                Assert.Equal(Math.Sign((int)x) * 32_124, decoded);
            }
            else
            {
                // Segment s (0..7) of the biased magnitude has steps of 8 << s in 16-bit units.
                var segment = Math.Max(0, 31 - int.LeadingZeroCount(magnitude + 0x84) - 7);
                var halfStep = 4 << segment;
                Assert.True(Math.Abs(decoded - x) <= halfStep, $"{x} -> {decoded}, half step {halfStep}");
            }

            if (x == short.MaxValue)
            {
                break;
            }
        }
    }

    [Fact]
    public void ALaw_round_trip_error_stays_within_half_a_segment_step()
    {
        for (var x = short.MinValue; ; x++)
        {
            var decoded = G711.ALawToLinear(G711.LinearToALaw(x));
            // 13-bit magnitude; segments 1 and 2 (below 64) have steps of 16, each further segment doubles it.
            var magnitude = x >= 0 ? x >> 3 : (-(x >> 3)) - 1;
            var doublings = magnitude < 64 ? 0 : 32 - int.LeadingZeroCount(magnitude) - 6;
            var halfStep = 8 << doublings;
            Assert.True(Math.Abs(decoded - x) <= halfStep, $"{x} -> {decoded}, half step {halfStep}");

            if (x == short.MaxValue)
            {
                break;
            }
        }
    }

    [Fact]
    public void Every_code_survives_decode_then_encode_except_mulaw_negative_zero()
    {
        for (var code = 0; code < 256; code++)
        {
            Assert.Equal(code, G711.LinearToALaw(G711.ALawToLinear((byte)code)));
            var expectedMu = code == 0x7F ? 0xFF : code;
            Assert.Equal(expectedMu, G711.LinearToMuLaw(G711.MuLawToLinear((byte)code)));
        }
    }

    [Fact]
    public void Span_conversions_match_the_scalar_ones()
    {
        var pcm = new short[513];
        for (var i = 0; i < pcm.Length; i++)
        {
            pcm[i] = (short)((i * 131) - 33_000 + (i * i % 7));
        }

        var mu = new byte[pcm.Length];
        var a = new byte[pcm.Length];
        G711.LinearToMuLaw(pcm, mu);
        G711.LinearToALaw(pcm, a);
        var back = new short[pcm.Length];
        G711.MuLawToLinear(mu, back);
        for (var i = 0; i < pcm.Length; i++)
        {
            Assert.Equal(G711.LinearToMuLaw(pcm[i]), mu[i]);
            Assert.Equal(G711.LinearToALaw(pcm[i]), a[i]);
            Assert.Equal(G711.MuLawToLinear(mu[i]), back[i]);
        }

        Assert.Throws<ArgumentException>(() => G711.MuLawToLinear(mu, new short[2]));
    }

    private static short[] ReadS16Le(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var samples = new short[bytes.Length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(2 * i));
        }

        return samples;
    }

    private static void AssertSame(short[] expected, short[] actual)
    {
        for (var i = 0; i < expected.Length; i++)
        {
            if (expected[i] != actual[i])
            {
                Assert.Fail($"sample {i}: expected {expected[i]}, got {actual[i]}");
            }
        }
    }
}
