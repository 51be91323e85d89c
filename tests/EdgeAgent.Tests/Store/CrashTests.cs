using System.Diagnostics;
using System.Globalization;
using EdgeCc.Agent.Store;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCc.Agent.Tests.Store;

public sealed class CrashTests : IDisposable
{
    private readonly TempStore _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// A writer process (tests/tools/store-crash-writer.cs, run with <c>dotnet run</c>) commits
    /// record + outbox row + sequence transactions until SIGKILL. Every commit it reported must
    /// be there afterwards, whole, and the store must open without being moved aside.
    /// </summary>
    [Fact]
    public async Task Store_killed_with_sigkill_mid_write_reopens_consistent_with_every_reported_commit()
    {
        Directory.CreateDirectory(_dir.Options.DataDirectory);
        var start = new ProcessStartInfo("dotnet", ["run", TestPaths.Repo("tests/tools/store-crash-writer.cs"), "--", _dir.Options.DatabasePath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestPaths.RepoRoot,
        };
        using var writer = new Process { StartInfo = start, EnableRaisingEvents = true };
        long reported = 0;
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        writer.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith("committed ", StringComparison.Ordinal))
            {
                var n = long.Parse(line.AsSpan("committed ".Length), CultureInfo.InvariantCulture);
                Interlocked.Exchange(ref reported, n);
                if (n >= 150)
                {
                    enough.TrySetResult();
                }
            }
        };
        writer.ErrorDataReceived += (_, e) => errors.Enqueue(e.Data ?? "");
        writer.Exited += (_, _) => enough.TrySetException(new InvalidOperationException("writer exited: " + string.Join('\n', errors)));
        writer.Start();
        writer.BeginOutputReadLine();
        writer.BeginErrorReadLine();

        // The first run compiles the writer; later runs start in about a second.
        await enough.Task.WaitAsync(TimeSpan.FromMinutes(4));
        writer.Kill(entireProcessTree: true);
        await writer.WaitForExitAsync();
        var lastReported = Interlocked.Read(ref reported);

        var time = new FakeTimeProvider();
        using var db = new EdgeDatabase(_dir.Options, time);
        Assert.Null(db.MovedAsidePath);
        var outbox = new Outbox(db, time);
        var rows = outbox.Peek(100_000);
        var summaries = db.Collection(StoreCollections.Summaries).Count();

        Assert.True(rows.Count >= lastReported, $"{rows.Count} rows but {lastReported} commits were reported");
        Assert.Equal(rows.Count, summaries);
        Assert.Equal(rows.Count, outbox.LastSequence);
        Assert.Equal(Enumerable.Range(1, rows.Count).Select(i => (long)i), rows.Select(r => r.Sequence));
        Assert.All(rows, r => Assert.Equal(900, r.Payload.Length));

        // And it carries on: the next sequence follows the last committed one.
        Assert.Equal(rows.Count + 1, outbox.Enqueue(OutboxTopics.Calls, new byte[] { 1 }));
    }
}
