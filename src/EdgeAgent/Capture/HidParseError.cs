namespace EdgeCc.Agent.Capture;

/// <summary>Why a HID report descriptor could not be used; each kind is counted.</summary>
internal enum HidParseError
{
    None,

    /// <summary>An item's declared data runs past the end of the descriptor.</summary>
    Truncated,

    /// <summary>A long item (0xFE) or reserved item type; headsets never use them for telephony.</summary>
    UnsupportedItem,

    /// <summary>Report Size/Count, Pop or End Collection make no sense where they appear.</summary>
    Inconsistent,

    /// <summary>Parsed fine, but there is no Hook Switch and no Phone Mute input.</summary>
    NoTelephonyControls,
}
