using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Telephony;

namespace EdgeCc.Agent.Floor;

/// <summary>An agent's status after something happened; <see cref="Detection"/> or <see cref="Event"/> is the cause.</summary>
public sealed record FloorChange(AgentStatus Agent, AgentStatus? Before, Detection? Detection, CallEvent? Event);
