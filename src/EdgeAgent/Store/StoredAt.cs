namespace EdgeCc.Agent.Store;

/// <summary>
/// Every stored document carries the box's UTC time of storing (ticks) under <see cref="Field"/>;
/// retention by age uses it, whatever clock the record's own times came from.
/// </summary>
internal static class StoredAt
{
    public const string Field = "storedAt";

    public static DateTimeOffset Time(long utcTicks, int offsetMinutes)
    {
        var offset = TimeSpan.FromMinutes(offsetMinutes);
        return new DateTimeOffset(utcTicks + offset.Ticks, offset);
    }
}
