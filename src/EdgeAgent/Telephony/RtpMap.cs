namespace EdgeCc.Agent.Telephony;

/// <summary>An <c>a=rtpmap</c> entry: encoding name, RTP clock rate, channels.</summary>
internal sealed record RtpMap(int PayloadType, string Encoding, int ClockRate, int Channels);
