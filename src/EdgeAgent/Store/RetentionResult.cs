namespace EdgeCc.Agent.Store;

/// <summary>What one retention pass removed, per collection (outbox rows are keyed <c>outbox:{topic}</c>).</summary>
internal sealed record RetentionResult(IReadOnlyDictionary<string, int> Evicted, long FileBytesBefore, long FileBytesAfter)
{
    public int Total => Evicted.Values.Sum();
}
