namespace EdgeCc.Agent.Capture;

internal enum FragmentOutcome
{
    Held,
    Complete,
    Dropped,
}
