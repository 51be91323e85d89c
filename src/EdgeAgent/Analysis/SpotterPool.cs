using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Analysis;

/// <summary>
/// PocketSphinx decoders for the legs being analysed: one per active leg, kept and reused when the leg ends
/// (creating one loads the acoustic model: measured 40-270 ms and ~6 MB RSS each). Idle decoders are kept per
/// <see cref="SpottingBand"/>, since wideband and narrowband legs are decoded with different settings. Safe to use
/// from several threads; a rented spotter belongs to one thread until it is returned.
/// <para>
/// The phrase list follows <c>Analysis</c> configuration changes (a remote configuration, a reloaded file): the new
/// keyword models are built first, and only if that works do they replace the old ones, all bands at once. Legs in
/// progress keep their decoder (PocketSphinx read the old files at ps_init) and it is disposed when they return it;
/// new legs get decoders for the new phrases.
/// </para>
/// </summary>
internal sealed class SpotterPool : IDisposable
{
    private static readonly SpottingBand[] s_bands = [SpottingBand.Wideband, SpottingBand.Narrowband];

    private readonly ILogger<SpotterPool> _logger;
    private readonly IDisposable? _subscription;
    private readonly Lock _lock = new();
    private Generation _current;
    private int _created;
    private int _generations;
    private bool _disposed;

    public SpotterPool(IOptionsMonitor<AnalysisOptions> options, ILogger<SpotterPool> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
        _current = new Generation(options.CurrentValue, []);
        _subscription = options.OnChange((changed, _) => Update(changed));
    }

    /// <summary>A pool on options that never change (CLI verbs, benchmarks, evaluation).</summary>
    public static SpotterPool ForOptions(AnalysisOptions options, ILogger<SpotterPool> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SpotterPool(new FixedOptionsMonitor(options), logger);
    }

    /// <summary>Decoders created so far.</summary>
    public int Created => Volatile.Read(ref _created);

    /// <summary>Phrase lists taken from configuration changes since the pool was made.</summary>
    public int Updates => Volatile.Read(ref _generations);

    /// <summary>Decoders waiting to be rented, all bands.</summary>
    public int Idle
    {
        get
        {
            lock (_lock)
            {
                return _current.IdleCount;
            }
        }
    }

    /// <summary>A spotter ready for a new leg (time 0 at its first sample) whose audio arrives at <paramref name="sampleRate"/> Hz.</summary>
    /// <remarks>The spotter always takes 16 kHz samples; the rate only says what the audio held before it was upsampled.</remarks>
    public IKeywordSpotter Rent(int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        var band = KeywordModel.BandOf(sampleRate);
        Generation generation;
        KeywordModel model;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_current.Idle[(int)band].TryPop(out var idle))
            {
                return idle;
            }

            generation = _current;
            model = generation.Model(band, _logger);
            generation.Constructing++;
        }

        // Outside the lock: returns and rents of other legs need not wait for a model load. The model's files stay
        // until ps_init has read them, even if a configuration change replaces the generation meanwhile.
        try
        {
            var spotter = new PocketSphinxSpotter(model);
            AnalysisLog.DecoderCreated(_logger, Interlocked.Increment(ref _created));
            return spotter;
        }
        finally
        {
            bool release;
            lock (_lock)
            {
                release = --generation.Constructing == 0 && generation.Retired;
            }

            if (release)
            {
                generation.DisposeModels();
            }
        }
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
            // A decoder of a replaced phrase list is not kept: its keyphrases are the old ones.
            if (!_disposed && _current.Owns(pooled.Model))
            {
                _current.Idle[(int)pooled.Model.Band].Push(pooled);
                return;
            }
        }

        pooled.Dispose();
    }

    public void Dispose()
    {
        bool release;
        Generation current;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            current = _current;
            current.Retired = true;
            release = current.Constructing == 0;
        }

        _subscription?.Dispose();

        // Decoders still rented keep their own copy of the files' contents (ps_init reads them once).
        current.DisposeIdle();
        if (release)
        {
            current.DisposeModels();
        }
    }

    /// <summary>A configuration change: new models for the bands in use, swapped in only when all of them build.</summary>
    private void Update(AnalysisOptions options)
    {
        SpottingBand[] bands;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            bands = _current.Bands();
        }

        // Built before the swap, so a phrase list PocketSphinx cannot use leaves the working one in place.
        var models = new KeywordModel?[s_bands.Length];
        try
        {
            foreach (var band in bands.Length == 0 ? [SpottingBand.Wideband] : bands)
            {
                models[(int)band] = KeywordModel.Create(options, band);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            foreach (var model in models)
            {
                model?.Dispose();
            }

            AnalysisLog.PhraseUpdateRejected(_logger, e.Message);
            return;
        }

        var next = new Generation(options, models);
        Generation old;
        bool release;
        lock (_lock)
        {
            if (_disposed)
            {
                next.DisposeModels();
                return;
            }

            old = _current;
            _current = next;
            old.Retired = true;
            release = old.Constructing == 0;
        }

        Interlocked.Increment(ref _generations);
        AnalysisLog.PhrasesUpdated(_logger, options.Phrases.Count);
        old.DisposeIdle();
        if (release)
        {
            old.DisposeModels();
        }
    }

    /// <summary>One phrase list: its options, its models (built when a band is first needed) and its idle decoders.</summary>
    private sealed class Generation(AnalysisOptions options, KeywordModel?[] models)
    {
        private readonly KeywordModel?[] _models = models.Length == s_bands.Length ? models : new KeywordModel?[s_bands.Length];

        public Stack<PocketSphinxSpotter>[] Idle { get; } = [new(), new()];

        public int IdleCount => Idle[0].Count + Idle[1].Count;

        /// <summary>Decoders being created from this generation's model files (under the pool's lock).</summary>
        public int Constructing { get; set; }

        /// <summary>Replaced by a newer phrase list or the pool is disposed (under the pool's lock).</summary>
        public bool Retired { get; set; }

        /// <summary>Called under the pool's lock.</summary>
        public KeywordModel Model(SpottingBand band, ILogger logger)
        {
            if (_models[(int)band] is { } model)
            {
                return model;
            }

            model = KeywordModel.Create(options, band);
            AnalysisLog.ModelPrepared(logger, model.Band, model.PhraseCount, model.WordCount, model.DictionaryPath, model.ModelDirectory);
            _models[(int)band] = model;
            return model;
        }

        public bool Owns(KeywordModel model) => ReferenceEquals(_models[(int)model.Band], model);

        public SpottingBand[] Bands()
        {
            var bands = new List<SpottingBand>(s_bands.Length);
            foreach (var band in s_bands)
            {
                if (_models[(int)band] is not null)
                {
                    bands.Add(band);
                }
            }

            return [.. bands];
        }

        /// <summary>Disposes the idle decoders of a retired generation; rented ones go when returned.</summary>
        public void DisposeIdle()
        {
            foreach (var idle in Idle)
            {
                while (idle.TryPop(out var spotter))
                {
                    spotter.Dispose();
                }
            }
        }

        /// <summary>Deletes the models' files, once no decoder is being created from them.</summary>
        public void DisposeModels()
        {
            foreach (var model in _models)
            {
                model?.Dispose();
            }
        }
    }

    private sealed class FixedOptionsMonitor(AnalysisOptions options) : IOptionsMonitor<AnalysisOptions>
    {
        public AnalysisOptions CurrentValue => options;

        public AnalysisOptions Get(string? name) => options;

        public IDisposable? OnChange(Action<AnalysisOptions, string?> listener) => null;
    }
}
