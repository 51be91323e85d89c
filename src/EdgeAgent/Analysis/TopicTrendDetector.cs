namespace EdgeCc.Agent.Analysis;

/// <summary>
/// Counts detections per category across the site in time buckets and raises a
/// <see cref="TopicTrendAlert"/> when a category's count in the recent window is several times
/// its usual rate (the baseline period before the window) and above a minimum count. Time comes
/// from the <see cref="TimeProvider"/>. Thread-safe: every analysis worker records into one
/// instance.
/// </summary>
public sealed class TopicTrendDetector
{
    private readonly TopicTrendOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, CategoryCounts> _categories = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string>? _counted;
    private readonly int _windowBuckets;
    private readonly int _baselineBuckets;
    private readonly long _bucketTicks;
    private readonly long _startBucket;
    private readonly Lock _lock = new();

    public TopicTrendDetector(TopicTrendOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        if (options.Bucket <= TimeSpan.Zero || options.Window < options.Bucket || options.BaselinePeriod < options.Window)
        {
            throw new ArgumentException("Analysis:TopicTrends needs 0 < Bucket <= Window <= BaselinePeriod.", nameof(options));
        }

        _options = options;
        _time = time;
        _bucketTicks = options.Bucket.Ticks;
        _windowBuckets = (int)(options.Window.Ticks / _bucketTicks);
        _baselineBuckets = (int)(options.BaselinePeriod.Ticks / _bucketTicks);
        _counted = options.Categories.Count > 0 ? new HashSet<string>(options.Categories, StringComparer.OrdinalIgnoreCase) : null;
        _startBucket = BucketOf(time.GetUtcNow());
    }

    /// <summary>Raised (outside the lock, on the recording thread) for every spike <see cref="Record(string)"/> finds.</summary>
    public event Action<TopicTrendAlert>? Spiked;

    /// <summary>Occurrences of categories that were not tracked (filtered out or over MaxCategories).</summary>
    public long Ignored { get; private set; }

    /// <summary>Counts one occurrence of <paramref name="category"/> now; returns an alert if this made it spike.</summary>
    public TopicTrendAlert? Record(string category)
    {
        var alert = Count(category);
        if (alert is not null)
        {
            Spiked?.Invoke(alert);
        }

        return alert;
    }

    private TopicTrendAlert? Count(string category)
    {
        ArgumentNullException.ThrowIfNull(category);
        var now = _time.GetUtcNow();
        var bucket = BucketOf(now);
        lock (_lock)
        {
            if (_counted is not null && !_counted.Contains(category))
            {
                Ignored++;
                return null;
            }

            if (!_categories.TryGetValue(category, out var counts))
            {
                if (_categories.Count >= _options.MaxCategories)
                {
                    Ignored++;
                    return null;
                }

                counts = new CategoryCounts(category, _windowBuckets + _baselineBuckets);
                _categories.Add(category, counts);
            }

            counts.Advance(bucket);
            counts.Add(bucket);
            return Check(counts, now, bucket);
        }
    }

    public TopicTrendAlert? Record(Detection detection)
    {
        ArgumentNullException.ThrowIfNull(detection);
        return Record(detection.Category);
    }

    /// <summary>Checks every category now (for a periodic timer); returns the new alerts.</summary>
    public IReadOnlyList<TopicTrendAlert> Evaluate()
    {
        var now = _time.GetUtcNow();
        var bucket = BucketOf(now);
        var alerts = new List<TopicTrendAlert>();
        lock (_lock)
        {
            foreach (var counts in _categories.Values)
            {
                counts.Advance(bucket);
                if (Check(counts, now, bucket) is { } alert)
                {
                    alerts.Add(alert);
                }
            }
        }

        return alerts;
    }

    /// <summary>The current window count of a category (0 when never seen).</summary>
    public int WindowCount(string category)
    {
        var bucket = BucketOf(_time.GetUtcNow());
        lock (_lock)
        {
            if (!_categories.TryGetValue(category, out var counts))
            {
                return 0;
            }

            counts.Advance(bucket);
            return counts.Sum(bucket, 0, _windowBuckets);
        }
    }

    private TopicTrendAlert? Check(CategoryCounts counts, DateTimeOffset now, long bucket)
    {
        var windowCount = counts.Sum(bucket, 0, _windowBuckets);
        if (windowCount < _options.MinCount)
        {
            return null;
        }

        // Baseline buckets that the detector has actually lived through (before the window).
        var seenBaseline = (int)Math.Min(_baselineBuckets, Math.Max(0, bucket - _startBucket + 1 - _windowBuckets));
        if (seenBaseline * _bucketTicks < _options.MinBaselineHistory.Ticks)
        {
            return null;
        }

        if (counts.LastAlert is { } last && now - last < _options.Cooldown)
        {
            return null;
        }

        var baselineCount = counts.Sum(bucket, _windowBuckets, seenBaseline);
        var perWindow = Math.Max(_options.MinBaselinePerWindow, (double)baselineCount * _windowBuckets / seenBaseline);
        var ratio = windowCount / perWindow;
        if (ratio < _options.SpikeFactor)
        {
            return null;
        }

        counts.LastAlert = now;
        return new TopicTrendAlert(
            counts.Category,
            now,
            windowCount,
            _options.Window,
            baselineCount,
            TimeSpan.FromTicks(seenBaseline * _bucketTicks),
            perWindow,
            ratio);
    }

    private long BucketOf(DateTimeOffset at) => at.UtcTicks / _bucketTicks;

    /// <summary>A ring of bucket counts; index = absolute bucket number modulo the ring length.</summary>
    private sealed class CategoryCounts(string category, int length)
    {
        private readonly int[] _ring = new int[length];
        private long _newest = long.MinValue;

        public string Category { get; } = category;

        public DateTimeOffset? LastAlert { get; set; }

        public void Advance(long bucket)
        {
            if (_newest == long.MinValue)
            {
                _newest = bucket;
                return;
            }

            if (bucket <= _newest)
            {
                return;
            }

            var steps = Math.Min(bucket - _newest, _ring.Length);
            for (long i = 1; i <= steps; i++)
            {
                _ring[Slot(_newest + i)] = 0;
            }

            _newest = bucket;
        }

        public void Add(long bucket)
        {
            // A clock step back beyond the ring would land in a slot that now means another minute.
            if (bucket > _newest - _ring.Length)
            {
                _ring[Slot(bucket)]++;
            }
        }

        /// <summary>Sum of <paramref name="count"/> buckets starting <paramref name="skip"/> buckets back from <paramref name="now"/>.</summary>
        public int Sum(long now, int skip, int count)
        {
            var sum = 0;
            for (var i = skip; i < skip + count && i < _ring.Length; i++)
            {
                sum += _ring[Slot(now - i)];
            }

            return sum;
        }

        private int Slot(long bucket) => (int)(((bucket % _ring.Length) + _ring.Length) % _ring.Length);
    }
}
