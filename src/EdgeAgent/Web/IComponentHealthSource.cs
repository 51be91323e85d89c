namespace EdgeCc.Agent.Web;

/// <summary>
/// A part of the box that reports its own health to the wallboard (the uplink registers one named
/// "mqtt"). A registered source replaces the built-in entry of the same name.
/// </summary>
internal interface IComponentHealthSource
{
    ComponentHealth Check();
}
