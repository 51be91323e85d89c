namespace EdgeCc.Agent.Capture;

/// <summary>What starts and ends a headset call.</summary>
internal enum HeadsetCallBoundary
{
    /// <summary>Speech on either leg starts a call; a configured silence gap ends it.</summary>
    Voice,

    /// <summary>The USB HID telephony hook switch (off-hook starts, on-hook ends).</summary>
    HookSwitch,
}
