namespace EdgeCc.Agent.Capture;

/// <summary>Receives one period of 16 kHz audio from <see cref="AlsaCapture"/>; the spans are reused afterwards.</summary>
internal delegate void AlsaAudioHandler(ReadOnlySpan<short> agent, ReadOnlySpan<short> customer);
