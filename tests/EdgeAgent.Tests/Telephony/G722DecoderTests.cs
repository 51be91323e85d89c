using System.Diagnostics;
using EdgeCc.Agent.Telephony;

namespace EdgeCc.Agent.Tests.Telephony;

public sealed class G722DecoderTests
{
    [Fact]
    public void Decoding_real_speech_is_sample_exact_with_ffmpeg()
    {
        var file = TestPaths.Shared("codec/rtplib/g722/conf-adminmenu-162.g722");
        var reference = RunFfmpeg(file);
        var codes = File.ReadAllBytes(file);
        var pcm = new short[codes.Length * 2];

        // Packet-sized calls, as RTP delivers it: state must carry across calls.
        var decoder = new G722Decoder();
        for (var offset = 0; offset < codes.Length; offset += 160)
        {
            var length = Math.Min(160, codes.Length - offset);
            decoder.Decode(codes.AsSpan(offset, length), pcm.AsSpan(offset * 2, length * 2));
        }

        Assert.Equal(reference.Length, pcm.Length);
        double signal = 0;
        double noise = 0;
        var identical = 0;
        for (var i = 0; i < pcm.Length; i++)
        {
            signal += (double)reference[i] * reference[i];
            var e = (double)reference[i] - pcm[i];
            noise += e * e;
            if (e == 0)
            {
                identical++;
            }
        }

        var snr = noise == 0 ? double.PositiveInfinity : 10 * Math.Log10(signal / noise);
        Assert.True(identical == pcm.Length, $"{identical} of {pcm.Length} samples identical, SNR {snr:F1} dB");
        Assert.True(snr >= 50, $"SNR {snr:F1} dB against ffmpeg ({identical} of {pcm.Length} samples identical)");
    }

    [Fact]
    public void Too_small_output_is_a_caller_bug()
    {
        Assert.Throws<ArgumentException>(() => new G722Decoder().Decode(new byte[10], new short[19]));
    }

    private static short[] RunFfmpeg(string file)
    {
        TestPaths.RequireFile("/usr/bin/ffmpeg", "ffmpeg");
        var info = new ProcessStartInfo("/usr/bin/ffmpeg")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-hide_banner", "-loglevel", "error", "-f", "g722", "-i", file, "-f", "s16le", "-ar", "16000", "-" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        using var output = new MemoryStream();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "ffmpeg failed: " + stderr.Result);
        var bytes = output.ToArray();
        var samples = new short[bytes.Length / 2];
        Buffer.BlockCopy(bytes, 0, samples, 0, samples.Length * 2);
        return samples;
    }
}
