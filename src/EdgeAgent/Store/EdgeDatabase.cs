using LiteDB;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeCc.Agent.Store;

/// <summary>
/// The one LiteDB file of this box. LiteDB writes every commit to its log file
/// (<c>edgecc-log.db</c>) before it touches the data pages, so a kill -9 or power cut
/// loses at most the transaction in flight and the file stays consistent. A file that still
/// cannot be opened (a torn SD card sector, a foreign file) is moved aside rather than
/// deleted, so it can be inspected, and a fresh store takes its place.
/// </summary>
internal sealed class EdgeDatabase : IDisposable
{
    private readonly Lock _writeLock = new();
    private readonly TimeProvider _time;
    private LiteDatabase _db;

    public EdgeDatabase(StoreOptions options, TimeProvider? time = null, ILogger<EdgeDatabase>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time ?? TimeProvider.System;
        var log = (ILogger?)logger ?? NullLogger.Instance;
        DatabasePath = Path.GetFullPath(options.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        _db = OpenOrMoveAside(log);
        StoreLog.Opened(log, DatabasePath, FileBytes);
    }

    public string DatabasePath { get; }

    /// <summary>Where the last damaged file was moved, if this open found one.</summary>
    public string? MovedAsidePath { get; private set; }

    /// <summary>LiteDB writes commits to this file first and merges them into the data file at checkpoints.</summary>
    public string LogPath => Path.Combine(
        Path.GetDirectoryName(DatabasePath)!,
        Path.GetFileNameWithoutExtension(DatabasePath) + "-log" + Path.GetExtension(DatabasePath));

    /// <summary>Bytes on disk: the data file plus its not yet merged log.</summary>
    public long FileBytes => SizeOf(DatabasePath) + SizeOf(LogPath);

    internal LiteDatabase Database => _db;

    /// <summary>Fired after a commit that added outbox rows, whichever <see cref="Outbox"/> instance wrote them.</summary>
    internal Signal OutboxSignal { get; } = new();

    public ILiteCollection<BsonDocument> Collection(string name) => _db.GetCollection(name, BsonAutoId.Int64);

    /// <summary>
    /// Runs <paramref name="work"/> as one LiteDB transaction. Writers are serialised because
    /// LiteDB transactions are bound to the calling thread and read-modify-write steps (the
    /// outbox sequence) must not interleave.
    /// </summary>
    public T Write<T>(Func<LiteDatabase, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        lock (_writeLock)
        {
            _db.BeginTrans();
            try
            {
                var result = work(_db);
                _db.Commit();
                return result;
            }
            catch
            {
                _db.Rollback();
                throw;
            }
        }
    }

    /// <summary>Compacts the file (used by retention after a size-driven eviction; LiteDB never shrinks a file otherwise).</summary>
    public long Rebuild()
    {
        lock (_writeLock)
        {
            return _db.Rebuild();
        }
    }

    public void Checkpoint()
    {
        lock (_writeLock)
        {
            _db.Checkpoint();
        }
    }

    public void Dispose() => _db.Dispose();

    private LiteDatabase OpenOrMoveAside(ILogger log)
    {
        try
        {
            return OpenAndProbe();
        }
        catch (Exception ex) when (IsDamage(ex))
        {
            var stamp = _time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            var damaged = DatabasePath + ".damaged-" + stamp;
            for (var n = 1; File.Exists(damaged); n++)
            {
                damaged = DatabasePath + ".damaged-" + stamp + "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            File.Move(DatabasePath, damaged);
            if (File.Exists(LogPath))
            {
                File.Move(LogPath, damaged + "-log");
            }

            MovedAsidePath = damaged;
            StoreLog.DamagedFileMovedAside(log, DatabasePath, damaged, ex.GetType().Name + ": " + ex.Message);
            return OpenAndProbe();
        }
    }

    private LiteDatabase OpenAndProbe()
    {
        var db = new LiteDatabase(new ConnectionString
        {
            Filename = DatabasePath,
            Connection = ConnectionType.Direct,
        });
        try
        {
            // Opening reads only the header page; touching every collection's head pages here
            // turns a damaged file into an error now instead of in the middle of the pipeline.
            foreach (var name in db.GetCollectionNames())
            {
                _ = db.GetCollection(name).Count();
            }

            return db;
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    // A locked or unreadable file (another process, permissions) is not damage: moving it
    // aside would throw away a good store, so those errors go up to the host.
    private static bool IsDamage(Exception ex) =>
        ex is not (IOException or UnauthorizedAccessException or OutOfMemoryException);

    private static long SizeOf(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? info.Length : 0;
    }
}
