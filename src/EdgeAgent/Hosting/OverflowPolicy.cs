namespace EdgeCc.Agent.Hosting;

/// <summary>What a full stage channel does with one more item. Every drop is counted.</summary>
public enum OverflowPolicy
{
    /// <summary>The writer waits (back-pressure). For anything that must not be lost.</summary>
    Wait,

    /// <summary>The oldest queued item is dropped and counted. For live views where fresh beats complete.</summary>
    DropOldest,

    /// <summary>The new item is dropped and counted.</summary>
    DropNewest,
}
