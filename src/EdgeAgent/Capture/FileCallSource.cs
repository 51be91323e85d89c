using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Audio;
using EdgeCc.Agent.Telephony;
using Microsoft.Extensions.Logging;

namespace EdgeCc.Agent.Capture;

/// <summary>
/// Plays recorded calls into the pipeline as if they were live: call events and 20 ms frames
/// per leg, several calls overlapping, paced by <see cref="TimeProvider"/> at a chosen speed
/// (0 = as fast as analysis takes them). A file that cannot be read is reported and skipped;
/// the other calls play on.
/// </summary>
internal sealed partial class FileCallSource(TimeProvider time, ILogger<FileCallSource> logger)
{
    private static readonly TimeSpan FrameLength = TimeSpan.FromMilliseconds(20);

    public int FailedFiles { get; private set; }

    public async Task<int> PlayAsync(IReadOnlyList<FileCall> calls, ICallInputSink sink, double speed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(sink);
        var schedule = new PriorityQueue<IEnumerator<(TimeSpan Due, CallInput Input)>, TimeSpan>();
        var started = time.GetUtcNow();
        var played = 0;
        foreach (var call in calls)
        {
            WavAudio audio;
            try
            {
                audio = WavReader.Read(call.Path);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                FailedFiles++;
                Log.FileRejected(logger, call.Path, ex.Message);
                continue;
            }

            if (audio.Truncated)
            {
                Log.FileTruncated(logger, call.Path);
            }

            var items = Items(call, audio, started).GetEnumerator();
            if (items.MoveNext())
            {
                schedule.Enqueue(items, items.Current.Due);
                played++;
            }
        }

        var clock = time.GetTimestamp();
        while (schedule.TryDequeue(out var items, out var due))
        {
            if (speed > 0)
            {
                var wait = due / speed - time.GetElapsedTime(clock);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                }
            }

            await sink.WriteAsync(items.Current.Input, cancellationToken).ConfigureAwait(false);
            if (items.MoveNext())
            {
                schedule.Enqueue(items, items.Current.Due);
            }
            else
            {
                items.Dispose();
            }
        }

        return played;
    }

    private static IEnumerable<(TimeSpan Due, CallInput Input)> Items(FileCall call, WavAudio audio, DateTimeOffset playbackStart)
    {
        var callStart = playbackStart + call.StartAt;
        yield return (call.StartAt, CallInput.Of(new CallStarted(call.CallId, callStart, call.AgentId, "file")));
        var frame = (int)(audio.SampleRate * FrameLength.TotalSeconds);
        var length = audio.Channels[0].Length;
        var legs = Math.Min(audio.Channels.Length, 2);
        for (var offset = 0; offset < length; offset += frame)
        {
            var count = Math.Min(frame, length - offset);
            var at = TimeSpan.FromSeconds((double)offset / audio.SampleRate);
            for (var leg = 0; leg < legs; leg++)
            {
                var samples = new ReadOnlyMemory<short>(audio.Channels[leg], offset, count);
                yield return (call.StartAt + at, CallInput.Of(new AudioFrame(call.CallId, (Leg)leg, at, samples, audio.SampleRate)));
            }
        }

        var duration = TimeSpan.FromSeconds((double)length / audio.SampleRate);
        yield return (call.StartAt + duration, CallInput.Of(new CallEnded(call.CallId, callStart + duration, duration, "end-of-file")));
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Recorded call {Path} is skipped: {Reason}")]
        public static partial void FileRejected(ILogger logger, string path, string reason);

        [LoggerMessage(2, LogLevel.Warning, "Recorded call {Path} is truncated; playing the audio it has")]
        public static partial void FileTruncated(ILogger logger, string path);
    }
}
