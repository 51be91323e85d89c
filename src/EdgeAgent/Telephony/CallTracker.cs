using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Capture;

namespace EdgeCc.Agent.Telephony;

/// <summary>
/// Follows SIP dialogs (RFC 3261 §12-§15) as a bystander and turns them into call events:
/// INVITE starts a call, the first 2xx answers it, BYE/CANCEL/final failures end it,
/// re-INVITE/UPDATE with sendonly/recvonly/inactive or c=0.0.0.0 holds it (RFC 3264 §8.4),
/// REFER (RFC 3515) and INVITE with Replaces (RFC 3891) count as transfers. Timers run on
/// packet time, so a replay ends calls exactly as live capture would.
/// </summary>
internal sealed class CallTracker
{
    private static readonly long ScanIntervalTicks = TimeSpan.FromSeconds(1).Ticks;
    private static readonly long TombstoneTicks = TimeSpan.FromMinutes(2).Ticks;
    private static readonly long TransferMergeTicks = TimeSpan.FromSeconds(2).Ticks;

    private readonly TelephonyOptions _options;
    private readonly AgentDirectory _agents;
    private readonly TelephonyCounters _counters;
    private readonly List<CallInput> _output;
    private readonly Func<TrackedCall, IReadOnlyList<StreamReport>> _ending;
    private readonly Dictionary<string, TrackedCall> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _ended = new(StringComparer.Ordinal);
    private readonly Dictionary<NetEndpoint, (TrackedCall Call, bool CallerReceives)> _media = [];
    private readonly Dictionary<NetEndpoint, long> _deadMedia = [];
    private long _lastScanTicks;

    public CallTracker(TelephonyOptions options, AgentDirectory agents, TelephonyCounters counters, List<CallInput> output, Func<TrackedCall, IReadOnlyList<StreamReport>> ending)
    {
        _options = options;
        _agents = agents;
        _counters = counters;
        _output = output;
        _ending = ending;
    }

    public int ActiveCalls => _calls.Count;

    public long CallsStarted { get; private set; }

    public IEnumerable<TrackedCall> Calls => _calls.Values;

    public TrackedCall? Find(string callId) => _calls.GetValueOrDefault(callId);

    public void OnSip(SipMessage message, NetEndpoint source, NetEndpoint destination, long ticks)
    {
        if (_ended.ContainsKey(message.CallId))
        {
            return; // the tail of a finished dialog: 200 to BYE, ACK for 487, retransmissions
        }

        _calls.TryGetValue(message.CallId, out var call);
        if (message.IsRequest)
        {
            call = OnRequest(message, call, source, destination, ticks);
        }
        else if (call is not null)
        {
            OnResponse(message, call, ticks);
        }

        if (call is not null && call.Phase != CallPhase.Ended)
        {
            call.LastActivityTicks = ticks;
        }
    }

    /// <summary>Finds the call and sending party for an RTP packet from the SDP addresses heard so far.</summary>
    public RouteResult TryRoute(NetEndpoint source, NetEndpoint destination, out TrackedCall? call, out bool callerSends)
    {
        if (_media.TryGetValue(destination, out var binding))
        {
            call = binding.Call;
            callerSends = !binding.CallerReceives;
            return RouteResult.Routed;
        }

        // Symmetric RTP (RFC 4961): a party sends from the address it receives on.
        if (_media.TryGetValue(source, out binding))
        {
            call = binding.Call;
            callerSends = binding.CallerReceives;
            return RouteResult.Routed;
        }

        call = null;
        callerSends = false;
        return _deadMedia.ContainsKey(destination) || _deadMedia.ContainsKey(source) ? RouteResult.CallEnded : RouteResult.Unknown;
    }

    /// <summary>Starts a call for RTP whose signalling was never seen; the first sender is taken as the caller.</summary>
    public TrackedCall StartUnsignalled(NetEndpoint source, NetEndpoint destination, long ticks)
    {
        var a = source.ToString();
        var b = destination.ToString();
        var callId = string.CompareOrdinal(a, b) < 0 ? $"rtp:{a}-{b}" : $"rtp:{b}-{a}";
        if (_calls.TryGetValue(callId, out var existing))
        {
            return existing;
        }

        string? agentId;
        bool agentIsCaller;
        if ((agentId = _agents.MatchAddress(source.Address)) is not null)
        {
            agentIsCaller = true;
        }
        else if ((agentId = _agents.MatchAddress(destination.Address)) is not null)
        {
            agentIsCaller = false;
        }
        else
        {
            agentIsCaller = _options.UnmappedAgentSide == AgentSide.Caller;
        }

        var call = new TrackedCall(callId, ticks, agentId, agentIsCaller, unsignalled: true);
        Add(call, "rtp", ticks);
        call.Phase = CallPhase.Answered;
        Emit(new CallAnswered(callId, At(ticks), TimeSpan.Zero));
        Bind(call, source, callerReceives: true);
        Bind(call, destination, callerReceives: false);
        return call;
    }

    /// <summary>Runs the timers at packet time <paramref name="ticks"/>; cheap when called per packet.</summary>
    public void Advance(long ticks)
    {
        if (ticks - _lastScanTicks < ScanIntervalTicks)
        {
            return;
        }

        _lastScanTicks = ticks;
        List<TrackedCall>? expired = null;
        foreach (var call in _calls.Values)
        {
            // Without any RTP heard (media not mirrored), only signalling can end the call; the hold timeout bounds it.
            var limit = call.Phase != CallPhase.Answered ? _options.SetupTimeout
                : call.Held || call.Streams.Count == 0 ? _options.HoldTimeout
                : _options.MediaTimeout;
            if (ticks - call.LastActivityTicks > limit.Ticks)
            {
                (expired ??= []).Add(call);
            }
        }

        if (expired is not null)
        {
            foreach (var call in expired)
            {
                End(call, "timeout", call.LastActivityTicks);
            }
        }

        PruneTombstones(ticks);
    }

    public void EndAll(long ticks, string reason)
    {
        foreach (var call in new List<TrackedCall>(_calls.Values))
        {
            End(call, reason, Math.Max(ticks, call.LastActivityTicks));
        }
    }

    private TrackedCall? OnRequest(SipMessage message, TrackedCall? call, NetEndpoint source, NetEndpoint destination, long ticks)
    {
        switch (message.Method)
        {
            case "INVITE":
                if (call is null)
                {
                    return StartFromInvite(message, source, destination, ticks);
                }

                if (call.Phase < CallPhase.Answered)
                {
                    ApplySdp(call, message, ownerIsCaller: true, ticks); // retry after 401/407 or a retransmission
                }
                else
                {
                    ApplySdp(call, message, FromIsCaller(call, message), ticks);
                }

                return call;
            case "UPDATE":
            case "ACK":
            case "PRACK":
                if (call is not null)
                {
                    ApplySdp(call, message, FromIsCaller(call, message), ticks);
                }
                else if (message.Method == "UPDATE")
                {
                    _counters.Add(TelephonyIssue.SipOrphanMessage);
                }

                return call;
            case "BYE":
                if (call is null)
                {
                    _counters.Add(TelephonyIssue.SipOrphanMessage);
                    return null;
                }

                End(call, "bye", ticks);
                return call;
            case "CANCEL":
                if (call is not null && call.Phase < CallPhase.Answered)
                {
                    End(call, "cancel", ticks);
                }

                return call;
            case "REFER":
                if (call is null)
                {
                    _counters.Add(TelephonyIssue.SipOrphanMessage);
                    return null;
                }

                // The transfer counts when the REFER is accepted (2xx, RFC 3515 §2.4.2); a refused one is only an attempt.
                call.PendingReferCSeq = message.CSeq;
                call.PendingReferTarget = message.Header("refer-to");
                return call;
            default:
                return call;
        }
    }

    private void OnResponse(SipMessage message, TrackedCall call, long ticks)
    {
        var status = message.StatusCode;
        var responderIsCaller = !FromIsCaller(call, message);
        if (string.Equals(message.CSeqMethod, "REFER", StringComparison.OrdinalIgnoreCase))
        {
            if (status is >= 200 and < 300 && message.CSeq == call.PendingReferCSeq)
            {
                call.PendingReferCSeq = -1;
                Transfer(call, call.PendingReferTarget, ticks);
            }

            return;
        }

        if (!string.Equals(message.CSeqMethod, "INVITE", StringComparison.OrdinalIgnoreCase))
        {
            if (status is >= 200 and < 300 && message.CSeqMethod is "UPDATE" or "PRACK")
            {
                ApplySdp(call, message, responderIsCaller, ticks);
            }

            return;
        }

        if (status < 200)
        {
            if (status > 100 && call.Phase == CallPhase.Offered)
            {
                call.Phase = CallPhase.Early;
            }

            ApplySdp(call, message, responderIsCaller, ticks); // early media (RFC 3960)
            return;
        }

        if (status < 300)
        {
            ApplySdp(call, message, responderIsCaller, ticks);
            if (call.Phase < CallPhase.Answered)
            {
                call.Phase = CallPhase.Answered;
                Emit(new CallAnswered(call.CallId, At(ticks), call.OffsetAt(ticks)));
            }

            return;
        }

        if (call.Phase >= CallPhase.Answered || status is 401 or 407)
        {
            return; // a refused re-INVITE leaves the call as it was; a challenge is retried with a new CSeq
        }

        End(call, status == 487 ? "cancel" : "failed", ticks);
    }

    private TrackedCall StartFromInvite(SipMessage message, NetEndpoint source, NetEndpoint destination, long ticks)
    {
        SdpSession? offer = null;
        var body = SipBody.FindSdp(message);
        if (!body.IsEmpty && SdpParser.Parse(body.Span, out offer) != SdpParseResult.Ok)
        {
            offer = null;
        }

        var (agentId, agentIsCaller) = FindAgent(message, source, destination, offer);
        var call = new TrackedCall(message.CallId, ticks, agentId, agentIsCaller, unsignalled: false)
        {
            CallerTag = message.FromTag,
            CustomerNumber = SipUri.User(SipUri.Uri(agentIsCaller ? message.To : message.From)),
            Dialled = SipUri.User(message.RequestUri),
        };
        Add(call, "sip", ticks);

        if (message.Header("replaces") is { } replaces)
        {
            var replacedId = replaces.Split(';', 2)[0].Trim();
            if (_calls.TryGetValue(replacedId, out var replaced) && !ReferenceEquals(replaced, call))
            {
                Transfer(replaced, message.To, ticks);
            }
        }

        if (message.ToTag is not null)
        {
            // A re-INVITE of a dialog that started before the capture: the call is already up.
            call.Phase = CallPhase.Answered;
            Emit(new CallAnswered(call.CallId, At(ticks), TimeSpan.Zero));
        }

        ApplySdp(call, message, ownerIsCaller: true, ticks);
        return call;
    }

    private (string? AgentId, bool AgentIsCaller) FindAgent(SipMessage invite, NetEndpoint source, NetEndpoint destination, SdpSession? offer)
    {
        if (_agents.MatchUri(invite.From) is { } caller)
        {
            return (caller, true);
        }

        if ((_agents.MatchUri(invite.To) ?? _agents.MatchUri(invite.RequestUri)) is { } callee)
        {
            return (callee, false);
        }

        if (offer?.Audio is { } audio && offer.AddressOf(audio) is { } media && _agents.MatchAddress(media) is { } byMedia)
        {
            return (byMedia, true);
        }

        if (_agents.MatchAddress(source.Address) is { } bySource)
        {
            return (bySource, true);
        }

        if (_agents.MatchAddress(destination.Address) is { } byDestination)
        {
            return (byDestination, false);
        }

        return (null, _options.UnmappedAgentSide == AgentSide.Caller);
    }

    private void ApplySdp(TrackedCall call, SipMessage message, bool ownerIsCaller, long ticks)
    {
        var body = SipBody.FindSdp(message);
        if (body.IsEmpty)
        {
            return;
        }

        if (SdpParser.Parse(body.Span, out var session) != SdpParseResult.Ok || session is null)
        {
            _counters.Add(TelephonyIssue.SdpBad);
            return;
        }

        var audio = session.Audio;
        if (audio is not null)
        {
            foreach (var (pt, map) in audio.RtpMaps)
            {
                call.PayloadMaps[pt] = map;
            }

            if (audio.PacketTimeMilliseconds is { } ptime)
            {
                call.PacketTimeMilliseconds = ptime;
            }

            if (session.AddressOf(audio) is { } address && !address.IsUnspecified)
            {
                var endpoint = new NetEndpoint(address, (ushort)audio.Port);
                var list = ownerIsCaller ? call.CallerMedia : call.CalleeMedia;
                if (!list.Contains(endpoint))
                {
                    list.Add(endpoint);
                }

                Bind(call, endpoint, ownerIsCaller);
            }
        }

        if (call.Phase == CallPhase.Answered && !call.Unsignalled)
        {
            var hold = session.IsHold;
            if (hold && !call.Held)
            {
                call.Held = true;
                Emit(new CallHeld(call.CallId, At(ticks), call.OffsetAt(ticks)));
            }
            else if (!hold && call.Held && audio is not null)
            {
                call.Held = false;
                Emit(new CallResumed(call.CallId, At(ticks), call.OffsetAt(ticks)));
            }
        }
    }

    private void Transfer(TrackedCall call, string? target, long ticks)
    {
        // A B2BUA that keeps the Call-ID shows one transfer on both of its legs within milliseconds.
        if (call.LastTransferTicks >= 0 && ticks - call.LastTransferTicks < TransferMergeTicks)
        {
            return;
        }

        call.LastTransferTicks = ticks;
        call.TransferCount++;

        // Only a known agent id leaves this class: a transfer target may be a customer's number.
        Emit(new CallTransferred(call.CallId, At(ticks), call.OffsetAt(ticks), _agents.MatchUri(target)));
    }

    private void Add(TrackedCall call, string source, long ticks)
    {
        if (_calls.Count >= _options.MaxCalls)
        {
            TrackedCall? oldest = null;
            foreach (var candidate in _calls.Values)
            {
                if (oldest is null || candidate.LastActivityTicks < oldest.LastActivityTicks)
                {
                    oldest = candidate;
                }
            }

            _counters.Add(TelephonyIssue.CallsEvicted);
            End(oldest!, "timeout", ticks);
        }

        _calls[call.CallId] = call;
        CallsStarted++;
        Emit(new CallStarted(call.CallId, At(ticks), call.AgentId, source) { CustomerNumber = call.CustomerNumber, Dialled = call.Dialled });
    }

    private void End(TrackedCall call, string reason, long ticks)
    {
        if (call.Phase == CallPhase.Ended)
        {
            return;
        }

        var streams = _ending(call);
        call.Phase = CallPhase.Ended;
        _calls.Remove(call.CallId);
        _ended[call.CallId] = ticks;
        foreach (var endpoint in call.CallerMedia)
        {
            Unbind(call, endpoint, ticks);
        }

        foreach (var endpoint in call.CalleeMedia)
        {
            Unbind(call, endpoint, ticks);
        }

        Emit(new CallEnded(call.CallId, At(ticks), call.OffsetAt(ticks), reason) { Streams = streams });
    }

    private void Bind(TrackedCall call, NetEndpoint endpoint, bool callerReceives)
    {
        _media[endpoint] = (call, callerReceives);
        _deadMedia.Remove(endpoint);
        var list = callerReceives ? call.CallerMedia : call.CalleeMedia;
        if (!list.Contains(endpoint))
        {
            list.Add(endpoint);
        }
    }

    private void Unbind(TrackedCall call, NetEndpoint endpoint, long ticks)
    {
        if (_media.TryGetValue(endpoint, out var binding) && ReferenceEquals(binding.Call, call))
        {
            _media.Remove(endpoint);
            _deadMedia[endpoint] = ticks;
        }
    }

    private void PruneTombstones(long ticks)
    {
        List<string>? oldCalls = null;
        foreach (var (id, ended) in _ended)
        {
            if (ticks - ended > TombstoneTicks)
            {
                (oldCalls ??= []).Add(id);
            }
        }

        oldCalls?.ForEach(id => _ended.Remove(id));

        List<NetEndpoint>? oldMedia = null;
        foreach (var (endpoint, ended) in _deadMedia)
        {
            if (ticks - ended > TombstoneTicks)
            {
                (oldMedia ??= []).Add(endpoint);
            }
        }

        oldMedia?.ForEach(endpoint => _deadMedia.Remove(endpoint));
    }

    private static bool FromIsCaller(TrackedCall call, SipMessage message) =>
        call.CallerTag is null || message.FromTag is null || string.Equals(message.FromTag, call.CallerTag, StringComparison.Ordinal);

    private static DateTimeOffset At(long ticks) => new(ticks, TimeSpan.Zero);

    private void Emit(CallEvent callEvent) => _output.Add(CallInput.Of(callEvent));
}
