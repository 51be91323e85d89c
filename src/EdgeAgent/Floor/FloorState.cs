using System.Globalization;
using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Telephony;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Floor;

/// <summary>
/// The floor as the lights show it: every agent's state and light, with the reason for the light.
/// The rules (<see cref="AlertRuleOptions"/>), highest priority first by default: an escalation
/// phrase flashes red until the call ends or a supervisor acknowledges; the help button is blue;
/// running sentiment or customer arousal past a threshold is amber, then red; long silence or a
/// long hold is amber; otherwise green on a call and off when idle. Levels have hysteresis and a
/// light does not step down before it has been shown for the minimum dwell, so nothing flickers.
/// Time-based rules advance on <see cref="Tick"/>.
/// </summary>
internal sealed class FloorState
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, AgentTrack> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentTrack> _calls = new(StringComparer.Ordinal);
    private readonly AgentTrack[] _stations;
    private readonly HashSet<string> _escalation;
    private readonly AlertRuleOptions _rules;
    private readonly TimeProvider _time;
    private readonly TimeSpan _dwell;
    private long _version;

    public FloorState()
        : this(Options.Create(new FloorOptions()), TimeProvider.System)
    {
    }

    public FloorState(IOptions<FloorOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var floor = options.Value;
        _rules = floor.Rules;
        _time = time;
        _dwell = TimeSpan.FromSeconds(_rules.MinimumDwellSeconds);
        _escalation = new HashSet<string>(_rules.EscalationCategories, StringComparer.OrdinalIgnoreCase);
        _stations = new AgentTrack[floor.Stations.Count];
        var now = time.GetUtcNow();
        for (var i = 0; i < _stations.Length; i++)
        {
            var track = new AgentTrack(floor.Stations[i].Agent, i, now);
            _stations[i] = track;
            _agents[track.AgentId] = track;
            Evaluate(track, null, null, force: true, always: false);
        }
    }

    public event Action<FloorChange>? Changed;

    /// <summary>Number of configured stations; <see cref="ReadLights"/> fills one entry per station.</summary>
    public int StationCount => _stations.Length;

    /// <summary>Increases whenever any light changes, so a renderer can skip unchanged frames.</summary>
    public long Version => Interlocked.Read(ref _version);

    public IReadOnlyList<AgentStatus> Snapshot()
    {
        lock (_gate)
        {
            var list = new List<AgentStatus>(_agents.Count);
            foreach (var track in _agents.Values)
            {
                if (track.Status is { } status)
                {
                    list.Add(status);
                }
            }

            list.Sort(static (a, b) => string.CompareOrdinal(a.AgentId, b.AgentId));
            return list;
        }
    }

    /// <summary>The light of each configured station, in station order; allocation-free for the render loop.</summary>
    public void ReadLights(Span<StationLight> lights)
    {
        lock (_gate)
        {
            var n = Math.Min(lights.Length, _stations.Length);
            for (var i = 0; i < n; i++)
            {
                lights[i] = new StationLight(_stations[i].Light, _stations[i].Flashing);
            }
        }
    }

    public void Apply(CallEvent callEvent)
    {
        ArgumentNullException.ThrowIfNull(callEvent);
        FloorChange? change;
        lock (_gate)
        {
            AgentTrack? track;
            if (callEvent is CallStarted started)
            {
                if (started.AgentId is null)
                {
                    return;
                }

                track = GetOrAdd(started.AgentId);
                if (track.CallId is { } previous)
                {
                    _calls.Remove(previous);
                }

                track.StartCall(started.CallId);
                _calls[started.CallId] = track;
            }
            else if (!_calls.TryGetValue(callEvent.CallId, out track))
            {
                return;
            }
            else
            {
                switch (callEvent)
                {
                    case CallHeld:
                        track.State = AgentState.OnHold;
                        track.HeldSince = _time.GetUtcNow();
                        break;
                    case CallResumed or CallAnswered:
                        track.State = AgentState.Talking;
                        track.HeldSince = null;
                        break;
                    case CallEnded:
                        _calls.Remove(callEvent.CallId);
                        track.EndCall();
                        if (_rules.WrapUpSeconds > 0)
                        {
                            track.State = AgentState.WrapUp;
                            track.WrapUpUntil = _time.GetUtcNow() + TimeSpan.FromSeconds(_rules.WrapUpSeconds);
                        }

                        break;
                }
            }

            change = Evaluate(track, null, callEvent, force: callEvent is CallEnded or CallStarted, always: true);
        }

        Raise(change);
    }

    public void Apply(Detection detection)
    {
        ArgumentNullException.ThrowIfNull(detection);
        FloorChange? change;
        lock (_gate)
        {
            if (!_calls.TryGetValue(detection.CallId, out var track))
            {
                return;
            }

            track.Sentiment += detection.Weight;
            track.LastHeard = string.Create(
                CultureInfo.InvariantCulture,
                $"'{detection.Phrase}' ({detection.Category}) from the {(detection.Leg == Audio.Leg.Agent ? "agent" : "customer")} at {detection.Start:m\\:ss}");
            if (_escalation.Contains(detection.Category))
            {
                // A new escalation re-arms the flash even after an earlier one was acknowledged.
                track.Escalation = track.LastHeard;
                track.AcknowledgedBy = null;
            }

            UpdateLevel(ref track.SentimentLevel, -track.Sentiment, -_rules.SentimentAmber, -_rules.SentimentRed);
            change = Evaluate(track, detection, null, force: false, always: true);
        }

        Raise(change);
    }

    /// <summary>Customer arousal of a call, 0 (calm) to 1 (shouting), from prosody.</summary>
    public void ReportArousal(string callId, double arousal)
    {
        ArgumentNullException.ThrowIfNull(callId);
        FloorChange? change;
        lock (_gate)
        {
            if (!_calls.TryGetValue(callId, out var track))
            {
                return;
            }

            track.Arousal = arousal;
            UpdateLevel(ref track.ArousalLevel, arousal, _rules.ArousalAmber, _rules.ArousalRed);
            change = Evaluate(track, null, null, force: false, always: false);
        }

        Raise(change);
    }

    /// <summary>How long nobody has spoken on a call (from voice activity); zero when speech resumes.</summary>
    public void ReportSilence(string callId, TimeSpan silentFor)
    {
        ArgumentNullException.ThrowIfNull(callId);
        FloorChange? change;
        lock (_gate)
        {
            if (!_calls.TryGetValue(callId, out var track))
            {
                return;
            }

            track.SilentSince = silentFor > TimeSpan.Zero ? _time.GetUtcNow() - silentFor : null;
            change = Evaluate(track, null, null, force: false, always: false);
        }

        Raise(change);
    }

    /// <summary>The agent's help button: the first press asks for help, a second press withdraws it.</summary>
    public void PressHelp(string agentId)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        FloorChange? change;
        lock (_gate)
        {
            var track = GetOrAdd(agentId);
            track.HelpRequested = !track.HelpRequested;
            change = Evaluate(track, null, null, force: !track.HelpRequested, always: false);
        }

        Raise(change);
    }

    /// <summary>
    /// A supervisor has seen the agent's alert: stops the escalation flash and answers a help
    /// request. Returns false when the agent had nothing to acknowledge.
    /// </summary>
    public bool Acknowledge(string agentId, string by)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        FloorChange? change;
        lock (_gate)
        {
            if (!_agents.TryGetValue(agentId, out var track)
                || ((track.Escalation is null || track.AcknowledgedBy is not null) && !track.HelpRequested))
            {
                return false;
            }

            if (track.Escalation is not null)
            {
                track.AcknowledgedBy = by;
            }

            track.HelpRequested = false;
            change = Evaluate(track, null, null, force: true, always: true);
        }

        Raise(change);
        return true;
    }

    /// <summary>Advances the time-based rules (long hold, long silence, dwell); allocation-free when nothing changes.</summary>
    public void Tick()
    {
        List<FloorChange>? changes = null;
        lock (_gate)
        {
            foreach (var track in _agents.Values)
            {
                if (track.HeldSince is null && track.SilentSince is null && !track.DwellPending && track.WrapUpUntil is null)
                {
                    continue;
                }

                if (track.WrapUpUntil is { } until && _time.GetUtcNow() >= until)
                {
                    track.WrapUpUntil = null;
                    track.State = AgentState.Idle;
                }

                if (Evaluate(track, null, null, force: false, always: false) is { } change)
                {
                    (changes ??= []).Add(change);
                }
            }
        }

        if (changes is not null)
        {
            foreach (var change in changes)
            {
                Raise(change);
            }
        }
    }

    // Level 0 calm, 1 amber, 2 red, on a value that grows with trouble. A level is entered at its
    // threshold and left only once the value is Hysteresis below it.
    private void UpdateLevel(ref int level, double value, double amber, double red)
    {
        var h = _rules.Hysteresis;
        var entered = value >= red ? 2 : value >= amber ? 1 : 0;
        if (entered >= level)
        {
            level = entered;
            return;
        }

        if (level == 2 && value < red - h)
        {
            level = value >= amber ? 1 : 0;
        }

        if (level == 1 && value < amber - h)
        {
            level = 0;
        }
    }

    private AgentTrack GetOrAdd(string agentId)
    {
        if (!_agents.TryGetValue(agentId, out var track))
        {
            track = new AgentTrack(agentId, -1, _time.GetUtcNow());
            _agents.Add(agentId, track);
        }

        return track;
    }

    private FloorChange? Evaluate(AgentTrack track, Detection? detection, CallEvent? callEvent, bool force, bool always)
    {
        var now = _time.GetUtcNow();
        var (rule, light, priority) = (AlertRule.None, LightColour.Off, -1);
        void Consider(AlertRule r, LightColour l, int p)
        {
            if (p > priority || (p == priority && Severity(l) > Severity(light)))
            {
                (rule, light, priority) = (r, l, p);
            }
        }

        if (track.CallId is not null)
        {
            Consider(AlertRule.OnCall, LightColour.Green, 0);
        }
        else
        {
            Consider(AlertRule.None, LightColour.Off, 0);
        }

        if (track.Escalation is not null && track.AcknowledgedBy is null)
        {
            Consider(AlertRule.Escalation, LightColour.Red, _rules.EscalationPriority);
        }

        if (track.HelpRequested)
        {
            Consider(AlertRule.Help, LightColour.Blue, _rules.HelpPriority);
        }

        if (track.SentimentLevel > 0)
        {
            Consider(AlertRule.Sentiment, track.SentimentLevel == 2 ? LightColour.Red : LightColour.Amber, _rules.SentimentPriority);
        }

        if (track.ArousalLevel > 0)
        {
            Consider(AlertRule.Arousal, track.ArousalLevel == 2 ? LightColour.Red : LightColour.Amber, _rules.ArousalPriority);
        }

        if (track.SilentSince is { } silent && now - silent >= TimeSpan.FromSeconds(_rules.SilenceAmberSeconds))
        {
            Consider(AlertRule.Silence, LightColour.Amber, _rules.SilencePriority);
        }

        if (track.HeldSince is { } held && now - held >= TimeSpan.FromSeconds(_rules.HoldAmberSeconds))
        {
            Consider(AlertRule.Hold, LightColour.Amber, _rules.HoldPriority);
        }

        // No flicker: an automatic light keeps its colour for the dwell time before it steps down.
        var lightSince = track.Status?.Since ?? now;
        track.DwellPending = false;
        if (!force && Severity(light) < Severity(track.Light) && track.Rule is AlertRule.Sentiment or AlertRule.Arousal or AlertRule.Silence or AlertRule.Hold
            && now - lightSince < _dwell)
        {
            track.DwellPending = true;
            (rule, light) = (track.Rule, track.Light);
        }

        var state = track.CallId is null && track.HelpRequested ? AgentState.AskingForHelp : track.State;
        var flashing = rule == AlertRule.Escalation;
        var before = track.Status;
        var sameLight = before is not null && before.Light == light && before.Rule == rule && before.Flashing == flashing;
        if (sameLight && before!.State == state && before.CallId == track.CallId && before.AcknowledgedBy == track.AcknowledgedBy
            && (detection is null || before.Sentiment == track.Sentiment))
        {
            // Nothing to repaint, but a detection or a call event (a transfer, say) is still news for the views.
            return detection is null && !always ? null : new FloorChange(before, before, detection, callEvent);
        }

        if (!sameLight)
        {
            Interlocked.Increment(ref _version);
        }

        var reason = Reason(track, rule, now);
        var next = new AgentStatus(track.AgentId, state, light, reason, track.CallId, track.Sentiment)
        {
            Flashing = flashing,
            Rule = rule,
            AcknowledgedBy = track.AcknowledgedBy,
            Since = sameLight ? lightSince : now,
        };
        track.Status = next;
        track.Light = light;
        track.Rule = rule;
        track.Flashing = flashing;
        return always || !sameLight || detection is not null || before?.State != state ? new FloorChange(next, before, detection, callEvent) : null;
    }

    private static string Reason(AgentTrack track, AlertRule rule, DateTimeOffset now) => rule switch
    {
        AlertRule.Escalation => track.Escalation!,
        AlertRule.Help => "asked for help",
        AlertRule.Sentiment => string.Create(CultureInfo.InvariantCulture, $"sentiment {track.Sentiment:F1} after {track.LastHeard}"),
        AlertRule.Arousal => string.Create(CultureInfo.InvariantCulture, $"customer arousal {track.Arousal:F2}"),
        AlertRule.Silence => string.Create(CultureInfo.InvariantCulture, $"silent for {(now - track.SilentSince!.Value).TotalSeconds:F0} s"),
        AlertRule.Hold => string.Create(CultureInfo.InvariantCulture, $"on hold for {(now - track.HeldSince!.Value).TotalSeconds:F0} s"),
        AlertRule.None when track.State == AgentState.WrapUp => "wrap-up",
        AlertRule.OnCall => track.AcknowledgedBy is { } by ? $"on a call (escalation acknowledged by {by})" : "on a call",
        _ => "idle",
    };

    private static int Severity(LightColour light) => light switch
    {
        LightColour.Red => 4,
        LightColour.Blue => 3,
        LightColour.Amber => 2,
        LightColour.Green => 1,
        _ => 0,
    };

    private void Raise(FloorChange? change)
    {
        if (change is not null)
        {
            Changed?.Invoke(change);
        }
    }

    private sealed class AgentTrack(string agentId, int station, DateTimeOffset created)
    {
        public int SentimentLevel;
        public int ArousalLevel;

        public string AgentId { get; } = agentId;

        public int Station { get; } = station;

        public DateTimeOffset Created { get; } = created;

        public AgentState State { get; set; } = AgentState.Idle;

        public string? CallId { get; set; }

        public double Sentiment { get; set; }

        public double Arousal { get; set; }

        public string? LastHeard { get; set; }

        public string? Escalation { get; set; }

        public string? AcknowledgedBy { get; set; }

        public bool HelpRequested { get; set; }

        public DateTimeOffset? HeldSince { get; set; }

        public DateTimeOffset? SilentSince { get; set; }

        public DateTimeOffset? WrapUpUntil { get; set; }

        public bool DwellPending { get; set; }

        public LightColour Light { get; set; }

        public AlertRule Rule { get; set; }

        public bool Flashing { get; set; }

        public AgentStatus? Status { get; set; }

        public void StartCall(string callId)
        {
            CallId = callId;
            WrapUpUntil = null;
            State = AgentState.Talking;
            ResetCall();
        }

        public void EndCall()
        {
            CallId = null;
            State = AgentState.Idle;
            ResetCall();
        }

        private void ResetCall()
        {
            Sentiment = 0;
            Arousal = 0;
            SentimentLevel = 0;
            ArousalLevel = 0;
            LastHeard = null;
            Escalation = null;
            AcknowledgedBy = null;
            HeldSince = null;
            SilentSince = null;
        }
    }
}
