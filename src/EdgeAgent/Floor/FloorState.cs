using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Telephony;

namespace EdgeCc.Agent.Floor;

/// <summary>
/// The floor as the lights show it. The rules here are the foundation's first cut: an
/// escalation, churn or profanity phrase turns the agent's light red until the call ends; a
/// call whose sentiment falls to <see cref="AmberSentiment"/> turns amber; hold is amber; a
/// call in progress is green; idle is off. Every light keeps its reason.
/// </summary>
internal sealed class FloorState
{
    public const double AmberSentiment = -0.5;

    private static readonly HashSet<string> RedCategories = new(StringComparer.OrdinalIgnoreCase) { "escalation", "churn", "profanity" };

    private readonly Lock _gate = new();
    private readonly Dictionary<string, AgentStatus> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _callAgents = new(StringComparer.Ordinal);

    public event Action<FloorChange>? Changed;

    public IReadOnlyList<AgentStatus> Snapshot()
    {
        lock (_gate)
        {
            var list = new List<AgentStatus>(_agents.Values);
            list.Sort(static (a, b) => string.CompareOrdinal(a.AgentId, b.AgentId));
            return list;
        }
    }

    public void Apply(CallEvent callEvent)
    {
        ArgumentNullException.ThrowIfNull(callEvent);
        FloorChange? change;
        lock (_gate)
        {
            if (callEvent is CallStarted started)
            {
                if (started.AgentId is null)
                {
                    return;
                }

                _callAgents[started.CallId] = started.AgentId;
                change = Set(started.AgentId, new AgentStatus(started.AgentId, AgentState.Talking, LightColour.Green, "on a call", started.CallId, 0), null, callEvent);
            }
            else if (!_callAgents.TryGetValue(callEvent.CallId, out var agentId) || !_agents.TryGetValue(agentId, out var current))
            {
                return;
            }
            else
            {
                AgentStatus next = callEvent switch
                {
                    CallHeld => current with { State = AgentState.OnHold, Light = current.Light == LightColour.Red ? LightColour.Red : LightColour.Amber, Reason = current.Light == LightColour.Red ? current.Reason : "on hold" },
                    CallResumed => current with { State = AgentState.Talking, Light = current.Light == LightColour.Red ? LightColour.Red : Calm(current.Sentiment), Reason = current.Light == LightColour.Red ? current.Reason : "on a call" },
                    CallEnded => new AgentStatus(agentId, AgentState.Idle, LightColour.Off, "idle", null, 0),
                    _ => current,
                };
                if (callEvent is CallEnded)
                {
                    _callAgents.Remove(callEvent.CallId);
                }

                change = Set(agentId, next, null, callEvent);
            }
        }

        Raise(change);
    }

    public void Apply(Detection detection)
    {
        ArgumentNullException.ThrowIfNull(detection);
        FloorChange? change;
        lock (_gate)
        {
            if (!_callAgents.TryGetValue(detection.CallId, out var agentId) || !_agents.TryGetValue(agentId, out var current))
            {
                return;
            }

            var sentiment = current.Sentiment + detection.Weight;
            var heard = $"'{detection.Phrase}' ({detection.Category}) from the {detection.Leg.ToString().ToLowerInvariant()} at {detection.Start:m\\:ss}";
            AgentStatus next;
            if (RedCategories.Contains(detection.Category))
            {
                next = current with { Light = LightColour.Red, Reason = heard, Sentiment = sentiment };
            }
            else if (current.Light != LightColour.Red && sentiment <= AmberSentiment)
            {
                next = current with { Light = LightColour.Amber, Reason = $"sentiment {sentiment:F1} after {heard}", Sentiment = sentiment };
            }
            else
            {
                next = current with { Sentiment = sentiment };
            }

            change = Set(agentId, next, detection, null);
        }

        Raise(change);
    }

    private static LightColour Calm(double sentiment) => sentiment <= AmberSentiment ? LightColour.Amber : LightColour.Green;

    private FloorChange Set(string agentId, AgentStatus next, Detection? detection, CallEvent? callEvent)
    {
        _agents.TryGetValue(agentId, out var before);
        _agents[agentId] = next;
        return new FloorChange(next, before, detection, callEvent);
    }

    private void Raise(FloorChange? change)
    {
        if (change is not null)
        {
            Changed?.Invoke(change);
        }
    }
}
