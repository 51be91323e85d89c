namespace EdgeCc.Agent.Store;

internal enum ConfigStatus
{
    /// <summary>Validated and applied.</summary>
    Accepted,

    /// <summary>Failed validation; the previous configuration stayed in force.</summary>
    Rejected,

    /// <summary>Was in force until a rollback replaced it.</summary>
    RolledBack,

    /// <summary>An earlier accepted configuration put back in force by a rollback.</summary>
    Restored,

    /// <summary>A rollback request as received (kept so a retained request replayed on reconnect is not carried out twice).</summary>
    RollbackRequest,
}
