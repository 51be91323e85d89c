using EdgeCc.Agent.Capture;

namespace EdgeCc.Agent.Telephony;

/// <summary>A parsed SDP body (RFC 4566): the session-level connection and direction and the media sections.</summary>
internal sealed class SdpSession
{
    public NetAddress? Connection { get; set; }

    public MediaDirection? Direction { get; set; }

    public List<SdpMedia> Media { get; } = [];

    /// <summary>The first audio section with a non-zero port, if any.</summary>
    public SdpMedia? Audio
    {
        get
        {
            foreach (var media in Media)
            {
                if (media.IsAudio && media.Port != 0)
                {
                    return media;
                }
            }

            return null;
        }
    }

    public NetAddress? AddressOf(SdpMedia media) => media.Connection ?? Connection;

    public MediaDirection DirectionOf(SdpMedia media) => media.Direction ?? Direction ?? MediaDirection.SendRecv;

    /// <summary>
    /// True when this offer or answer puts the call on hold: sendonly/recvonly/inactive
    /// (RFC 3264 §8.4) or the old c=0.0.0.0 convention (RFC 2543).
    /// </summary>
    public bool IsHold
    {
        get
        {
            var audio = Audio;
            if (audio is null)
            {
                return false;
            }

            var address = AddressOf(audio);
            return DirectionOf(audio) != MediaDirection.SendRecv || (address is { } a && a.IsUnspecified);
        }
    }
}
