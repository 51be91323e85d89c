namespace EdgeCc.Agent.Floor;

/// <summary>The AMI peer broke the protocol or refused the login; the feed reconnects after a backoff.</summary>
internal sealed class AmiException : Exception
{
    public AmiException()
    {
    }

    public AmiException(string message)
        : base(message)
    {
    }

    public AmiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
