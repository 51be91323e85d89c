using System.Buffers;
using System.Globalization;
using System.Text.Json;
using EdgeCc.Agent.Analysis;

namespace EdgeCc.Agent.Uplink;

/// <summary>
/// Writes message bodies as they go on the wire (schemas/*.schema.json). Written by hand with
/// <see cref="Utf8JsonWriter"/> so the field names, units and formats are exactly those of the
/// schema: times are ISO 8601 with offset, durations and offsets are seconds with millisecond precision.
/// </summary>
internal static class PayloadWriter
{
    public static byte[] CallSummary(CallSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Write(s, static (w, s) =>
        {
            w.WriteNumber("schemaVersion", s.SchemaVersion);
            w.WriteString("callId", s.CallId);
            OptionalString(w, "agentId", s.AgentId);
            OptionalString(w, "customerKey", s.CustomerKey);

            w.WriteString("source", s.Source);
            w.WriteString("startedAt", s.StartedAt);
            w.WriteString("endedAt", s.EndedAt);
            Seconds(w, "durationSeconds", s.Duration);
            w.WriteString("endReason", s.EndReason);
            w.WriteNumber("holds", s.Holds);
            w.WriteNumber("transfers", s.Transfers);
            w.WriteNumber("sentiment", s.Sentiment);
            w.WriteStartArray("legs");
            foreach (var leg in s.Legs)
            {
                w.WriteStartObject();
                w.WriteString("leg", LegName(leg.Leg));
                Seconds(w, "audioSeconds", leg.AudioDuration);
                Seconds(w, "speechSeconds", leg.SpeechDuration);
                w.WriteNumber("detectionCount", leg.DetectionCount);
                w.WriteNumber("sentiment", leg.Sentiment);
                w.WriteNumber("peakArousal", leg.PeakArousal);
                if (leg.SpeechToNoiseDb is { } snr)
                {
                    w.WriteNumber("speechToNoiseDb", Math.Round(snr, 1));
                }
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("detections");
            foreach (var d in s.Detections)
            {
                w.WriteStartObject();
                w.WriteString("leg", LegName(d.Leg));
                w.WriteString("phrase", d.Phrase);
                w.WriteString("category", d.Category);
                w.WriteNumber("weight", d.Weight);
                Seconds(w, "startSeconds", d.Start);
                Seconds(w, "endSeconds", d.End);
                w.WriteNumber("confidence", d.Confidence);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            SummaryDetails(w, s);
        });
    }

    private static void SummaryDetails(Utf8JsonWriter w, CallSummary s)
    {
        w.WriteStartArray("topics");
        foreach (var topic in s.Topics)
        {
            w.WriteStartObject();
            w.WriteString("category", topic.Category);
            w.WriteNumber("count", topic.Count);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("sentimentReasons");
        foreach (var r in s.SentimentReasons)
        {
            w.WriteStartObject();
            Seconds(w, "atSeconds", r.At);
            OptionalString(w, "leg", r.Leg is { } leg ? LegName(leg) : null);
            w.WriteString("kind", ReasonKindName(r.Kind));
            w.WriteString("source", r.Source);
            OptionalString(w, "category", r.Category);
            w.WriteNumber("contribution", Math.Round(r.Contribution, 4));
            w.WriteString("explanation", r.Explanation);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("sentimentTimeline");
        foreach (var point in s.SentimentTimeline)
        {
            w.WriteStartObject();
            Seconds(w, "atSeconds", point.At);
            w.WriteNumber("score", Math.Round(point.Score, 4));
            w.WriteString("kind", ReasonKindName(point.Reason.Kind));
            w.WriteString("source", point.Reason.Source);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        Talk(w, s.Talk);
        w.WriteStartArray("streams");
        foreach (var stream in s.Streams)
        {
            w.WriteStartObject();
            w.WriteString("leg", LegName(stream.Leg));
            w.WriteString("codec", stream.Codec);
            w.WriteNumber("packets", stream.Packets);
            w.WriteNumber("lost", stream.Lost);
            w.WriteNumber("lossPercent", Math.Round(stream.LossPercent, 3));
            w.WriteNumber("jitterMs", Math.Round(stream.JitterMilliseconds, 3));
            w.WriteNumber("mos", Math.Round(stream.Mos, 2));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Talk(Utf8JsonWriter w, TalkSummary? talk)
    {
        if (talk is null)
        {
            w.WriteNull("talk");
            return;
        }

        w.WriteStartObject("talk");
        Seconds(w, "agentSeconds", talk.AgentTalk);
        Seconds(w, "customerSeconds", talk.CustomerTalk);
        Seconds(w, "talkOverSeconds", talk.TalkOver);
        w.WriteNumber("talkOverCount", talk.TalkOverCount);
        Seconds(w, "silenceSeconds", talk.Silence);
        Seconds(w, "holdSeconds", talk.Hold);
        w.WriteStartArray("deadAir");
        foreach (var stretch in talk.DeadAir)
        {
            w.WriteStartObject();
            Seconds(w, "startSeconds", stretch.Start);
            Seconds(w, "durationSeconds", stretch.Duration);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("agentInterruptions", talk.AgentInterruptions);
        w.WriteNumber("customerInterruptions", talk.CustomerInterruptions);
        if (talk.AgentTalkRatio is { } ratio)
        {
            w.WriteNumber("agentTalkRatio", Math.Round(ratio, 4));
        }
        else
        {
            w.WriteNull("agentTalkRatio");
        }

        if (talk.LongestMonologue is { Leg: { } leg } monologue)
        {
            w.WriteStartObject("longestMonologue");
            w.WriteString("leg", LegName(leg));
            Seconds(w, "startSeconds", monologue.Start);
            Seconds(w, "durationSeconds", monologue.Duration);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("longestMonologue");
        }

        w.WriteEndObject();
    }

    private static string ReasonKindName(SentimentReasonKind kind) => kind switch
    {
        SentimentReasonKind.Phrase => "phrase",
        SentimentReasonKind.Arousal => "arousal",
        SentimentReasonKind.Interruption => "interruption",
        SentimentReasonKind.TalkOver => "talk-over",
        SentimentReasonKind.DeadAir => "dead-air",
        _ => "hold",
    };

    public static byte[] Alert(AlertMessage a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return Write(a, static (w, a) =>
        {
            w.WriteString("alertId", a.AlertId);
            w.WriteString("kind", a.Kind);
            w.WriteString("severity", SeverityName(a.Severity));
            w.WriteString("text", a.Text);
            w.WriteString("raisedAt", a.RaisedAt);
            OptionalString(w, "agentId", a.AgentId);
            OptionalString(w, "callId", a.CallId);
            if (a.Trend is { } trend)
            {
                w.WriteStartObject("evidence");
                w.WriteString("category", trend.Category);
                w.WriteNumber("windowCount", trend.WindowCount);
                Seconds(w, "windowSeconds", trend.Window);
                w.WriteNumber("baselineCount", trend.BaselineCount);
                Seconds(w, "baselineSeconds", trend.BaselinePeriod);
                w.WriteNumber("baselinePerWindow", Math.Round(trend.BaselinePerWindow, 4));
                w.WriteNumber("ratio", Math.Round(trend.Ratio, 3));
                w.WriteEndObject();
            }
        });
    }

    public static byte[] Metrics(MetricsSnapshot m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return Write(m, static (w, m) =>
        {
            w.WriteString("at", m.At);
            w.WriteStartObject("values");
            foreach (var (name, value) in m.Values.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                w.WriteNumber(name, double.IsFinite(value) ? value : 0);
            }

            w.WriteEndObject();
        });
    }

    public static byte[] Floor(FloorSnapshot f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Write(f, static (w, f) =>
        {
            w.WriteString("at", f.At);
            w.WriteStartArray("agents");
            foreach (var a in f.Agents)
            {
                w.WriteStartObject();
                w.WriteString("agentId", a.AgentId);
                w.WriteString("state", a.State);
                w.WriteString("light", a.Light);
                w.WriteNumber("activeAlerts", a.ActiveAlerts);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("queues");
            foreach (var q in f.Queues)
            {
                w.WriteStartObject();
                w.WriteString("queueId", q.QueueId);
                w.WriteNumber("waiting", q.Waiting);
                Seconds(w, "longestWaitSeconds", q.LongestWait);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    internal static void OptionalString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    internal static string SeverityName(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Info => "info",
        AlertSeverity.Warning => "warning",
        _ => "critical",
    };

    internal static byte[] Write<T>(T state, Action<Utf8JsonWriter, T> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w, state);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    internal static void Seconds(Utf8JsonWriter w, string name, TimeSpan value) =>
        w.WriteNumber(name, Math.Round(value.TotalSeconds, 3, MidpointRounding.AwayFromZero));

    internal static string LegName(Audio.Leg leg) => leg switch
    {
        Audio.Leg.Agent => "agent",
        Audio.Leg.Customer => "customer",
        _ => leg.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
