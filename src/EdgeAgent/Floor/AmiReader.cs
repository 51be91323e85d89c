namespace EdgeCc.Agent.Floor;

/// <summary>
/// Reads AMI packets from a stream: the <c>Asterisk Call Manager/x.y</c> banner, then packets
/// separated by an empty line. Lines end in CRLF on the wire; LF alone is accepted too. Lines
/// that are not <c>Key: Value</c> are counted and skipped, never thrown on.
/// </summary>
internal sealed class AmiReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);

    public long MalformedLines { get; private set; }

    /// <summary>The banner's version, e.g. "2.10.4"; null when the peer is not an AMI server.</summary>
    public async ValueTask<string?> ReadBannerAsync(CancellationToken cancellationToken)
    {
        const string Prefix = "Asterisk Call Manager/";
        var line = await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        return line is not null && line.StartsWith(Prefix, StringComparison.Ordinal) ? line[Prefix.Length..].Trim() : null;
    }

    /// <summary>The next packet, or null at the end of the stream.</summary>
    public async ValueTask<AmiMessage?> ReadAsync(CancellationToken cancellationToken)
    {
        AmiMessage? message = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null)
            {
                return message is { Count: > 0 } ? message : null;
            }

            if (line.Length == 0)
            {
                if (message is { Count: > 0 })
                {
                    return message;
                }

                continue;
            }

            message ??= new AmiMessage();
            if (!message.TryAddLine(line))
            {
                MalformedLines++;
            }
        }
    }

    public void Dispose() => _reader.Dispose();
}
