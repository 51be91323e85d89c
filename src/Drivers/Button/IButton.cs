namespace EdgeCc.Drivers.Button;

/// <summary>A push button that reports debounced presses.</summary>
public interface IButton
{
    /// <summary>Raised on release after a press shorter than the long-press time.</summary>
    event EventHandler? Pressed;

    /// <summary>Raised once while the button is still held, when it has been held for the long-press time.</summary>
    event EventHandler? LongPressed;

    /// <summary>Debounced state.</summary>
    bool IsPressed { get; }
}
