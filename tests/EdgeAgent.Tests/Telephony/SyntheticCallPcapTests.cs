using EdgeCc.Agent.Telephony;

namespace EdgeCc.Agent.Tests.Telephony;

public sealed class SyntheticCallPcapTests
{
    [Fact]
    public async Task Synthetic_capture_is_read_alike_by_tshark_and_by_us()
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgecc-synthetic-{Guid.NewGuid():N}.pcap");
        try
        {
            var written = SyntheticCallPcap.Write(path, calls: 4, duration: TimeSpan.FromSeconds(3), loss: 0.05, reorder: 0.05, seed: 3);
            var peer = TsharkRtpStreams.Run(path);
            var (sink, summary) = await ReplayHelper.RunAsync(path);

            Assert.Equal(written, summary.Frames);
            Assert.Equal(8, peer.Count);
            Assert.Equal(4, sink.Events<CallStarted>().Count);
            Assert.Equal(4, sink.Events<CallEnded>().Count(e => e.Reason == "bye"));
            foreach (var expected in peer)
            {
                var ours = Assert.Single(summary.Streams, s => s.Source == expected.Source && s.Destination == expected.Destination && s.Ssrc == expected.Ssrc);
                Assert.Equal(expected.Packets, ours.Packets);
                Assert.True(expected.Lost == ours.Lost, $"{expected} vs {ours}");
            }

            Assert.True(summary.Streams.Sum(s => s.Lost) > 0);
            Assert.True(summary.Streams.Sum(s => s.ConcealedFrames) > 0);

            var bench = TelephonyBenchmark.Run(path);
            Assert.Equal(written, bench.Packets);
            Assert.Equal(4, bench.Calls);
            Assert.True(bench.AudioFrames > 0);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
