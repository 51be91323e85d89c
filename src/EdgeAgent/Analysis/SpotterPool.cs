using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// PocketSphinx decoders for the legs being analysed: one per active leg, kept and reused when the leg ends
/// (creating one loads the acoustic model: measured 40-270 ms and ~6 MB RSS each). Safe to use from several threads;
/// a rented spotter belongs to one thread until it is returned.
/// </summary>
internal sealed class SpotterPool : IDisposable
{
    private readonly AnalysisOptions _options;
    private readonly ILogger<SpotterPool> _logger;
    private readonly Lock _lock = new();
    private readonly Stack<PocketSphinxSpotter> _idle = new();
    private KeywordModel? _model;
    private int _created;
    private bool _disposed;

    public SpotterPool(IOptions<AnalysisOptions> options, ILogger<SpotterPool> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Decoders created so far.</summary>
    public int Created => Volatile.Read(ref _created);

    /// <summary>Decoders waiting to be rented.</summary>
    public int Idle
    {
        get
        {
            lock (_lock)
            {
                return _idle.Count;
            }
        }
    }

    /// <summary>A spotter ready for a new leg (time 0 at its first sample).</summary>
    public IKeywordSpotter Rent()
    {
        KeywordModel model;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_idle.TryPop(out var idle))
            {
                return idle;
            }

            if (_model is null)
            {
                _model = KeywordModel.Create(_options);
                AnalysisLog.ModelPrepared(_logger, _model.PhraseCount, _model.WordCount, _model.DictionaryPath, _model.ModelDirectory);
            }

            model = _model;
        }

        // Outside the lock: returns and rents of other legs need not wait for a model load.
        var spotter = new PocketSphinxSpotter(model);
        AnalysisLog.DecoderCreated(_logger, Interlocked.Increment(ref _created));
        return spotter;
    }

    /// <summary>Takes a spotter back; a leg that was not finished is dropped without reporting.</summary>
    public void Return(IKeywordSpotter spotter)
    {
        ArgumentNullException.ThrowIfNull(spotter);
        if (spotter is not PocketSphinxSpotter pooled)
        {
            throw new ArgumentException("The spotter was not rented from this pool", nameof(spotter));
        }

        if (pooled.Reset())
        {
            AnalysisLog.ReturnedUnfinished(_logger);
        }

        lock (_lock)
        {
            if (!_disposed)
            {
                _idle.Push(pooled);
                return;
            }
        }

        pooled.Dispose();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            while (_idle.TryPop(out var spotter))
            {
                spotter.Dispose();
            }
        }

        // Decoders still rented keep their own copy of the files' contents (ps_init reads them once).
        _model?.Dispose();
    }
}
