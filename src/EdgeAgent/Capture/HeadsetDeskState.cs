namespace EdgeCc.Agent.Capture;

/// <summary>Where a desk's headset capture stands.</summary>
public enum HeadsetDeskState
{
    Starting,

    /// <summary>Nothing is plugged into the configured USB port; the port is polled.</summary>
    Absent,

    Capturing,

    /// <summary>Opening or reading failed; the next attempt waits (doubling up to the maximum).</summary>
    BackingOff,

    Stopped,
}
