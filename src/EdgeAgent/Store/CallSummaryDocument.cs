using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Audio;
using System.Text.Json;
using System.Text.Json.Serialization;
using LiteDB;
using JsonSerializer = System.Text.Json.JsonSerializer;

namespace EdgeCc.Agent.Store;

/// <summary>
/// Maps <see cref="CallSummary"/> to and from a BSON document by hand. LiteDB's reflection
/// mapper cannot build records with <c>required</c> init members and positional records, and
/// BSON dates keep only milliseconds in UTC; here times are stored as UTC ticks plus the
/// offset in minutes and durations as ticks, so a summary reads back exactly as written.
/// </summary>
internal static class CallSummaryDocument
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public static BsonDocument ToDocument(CallSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var legs = new BsonArray();
        foreach (var leg in s.Legs)
        {
            var document = new BsonDocument
            {
                ["leg"] = leg.Leg.ToString(),
                ["audio"] = leg.AudioDuration.Ticks,
                ["speech"] = leg.SpeechDuration.Ticks,
                ["detections"] = leg.DetectionCount,
                ["sentiment"] = leg.Sentiment,
                ["peakArousal"] = leg.PeakArousal,
            };
            if (leg.SpeechToNoiseDb is { } snr)
            {
                document["speechToNoiseDb"] = snr;
            }

            legs.Add(document);
        }

        var detections = new BsonArray();
        foreach (var d in s.Detections)
        {
            detections.Add(new BsonDocument
            {
                ["callId"] = d.CallId,
                ["leg"] = d.Leg.ToString(),
                ["phrase"] = d.Phrase,
                ["category"] = d.Category,
                ["weight"] = d.Weight,
                ["start"] = d.Start.Ticks,
                ["end"] = d.End.Ticks,
                ["confidence"] = d.Confidence,
            });
        }

        return new BsonDocument
        {
            ["schema"] = s.SchemaVersion,
            ["callId"] = s.CallId,
            ["agentId"] = s.AgentId is null ? BsonValue.Null : new BsonValue(s.AgentId),
            ["customerKey"] = s.CustomerKey is null ? BsonValue.Null : new BsonValue(s.CustomerKey),
            ["source"] = s.Source,
            ["startedAt"] = s.StartedAt.UtcTicks,
            ["startedOffset"] = (int)s.StartedAt.Offset.TotalMinutes,
            ["endedAt"] = s.EndedAt.UtcTicks,
            ["endedOffset"] = (int)s.EndedAt.Offset.TotalMinutes,
            ["duration"] = s.Duration.Ticks,
            ["endReason"] = s.EndReason,
            ["legs"] = legs,
            ["detections"] = detections,
            ["holds"] = s.Holds,
            ["transfers"] = s.Transfers,
            ["sentiment"] = s.Sentiment,

            // Nested analysis records change shape with the schema version; JSON keeps them
            // exact without a hand mapping per field.
            ["sentimentReasons"] = JsonSerializer.Serialize(s.SentimentReasons, Json),
            ["talk"] = s.Talk is null ? BsonValue.Null : new BsonValue(JsonSerializer.Serialize(s.Talk, Json)),
            ["sentimentTimeline"] = JsonSerializer.Serialize(s.SentimentTimeline, Json),
            ["topics"] = JsonSerializer.Serialize(s.Topics, Json),
            ["streams"] = JsonSerializer.Serialize(s.Streams, Json),
        };
    }

    public static CallSummary FromDocument(BsonDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var legs = new List<LegSummary>();
        foreach (var item in doc["legs"].AsArray)
        {
            var l = item.AsDocument;
            legs.Add(new LegSummary(
                Enum.Parse<Leg>(l["leg"].AsString),
                TimeSpan.FromTicks(l["audio"].AsInt64),
                TimeSpan.FromTicks(l["speech"].AsInt64),
                l["detections"].AsInt32,
                l["sentiment"].AsDouble,
                l["peakArousal"].AsDouble)
            {
                // Summaries stored before the ratio was measured have none.
                SpeechToNoiseDb = l.TryGetValue("speechToNoiseDb", out var snr) ? snr.AsDouble : null,
            });
        }

        var detections = new List<Detection>();
        foreach (var item in doc["detections"].AsArray)
        {
            var d = item.AsDocument;
            detections.Add(new Detection(
                d["callId"].AsString,
                Enum.Parse<Leg>(d["leg"].AsString),
                d["phrase"].AsString,
                d["category"].AsString,
                d["weight"].AsDouble,
                TimeSpan.FromTicks(d["start"].AsInt64),
                TimeSpan.FromTicks(d["end"].AsInt64),
                d["confidence"].AsDouble));
        }

        return new CallSummary
        {
            SchemaVersion = doc["schema"].AsInt32,
            CallId = doc["callId"].AsString,
            AgentId = doc["agentId"].IsNull ? null : doc["agentId"].AsString,
            CustomerKey = doc["customerKey"].IsString ? doc["customerKey"].AsString : null,
            Source = doc["source"].AsString,
            StartedAt = Time(doc["startedAt"].AsInt64, doc["startedOffset"].AsInt32),
            EndedAt = Time(doc["endedAt"].AsInt64, doc["endedOffset"].AsInt32),
            Duration = TimeSpan.FromTicks(doc["duration"].AsInt64),
            EndReason = doc["endReason"].AsString,
            Legs = legs,
            Detections = detections,
            Holds = doc["holds"].AsInt32,
            Transfers = doc["transfers"].AsInt32,
            Sentiment = doc["sentiment"].AsDouble,
            SentimentReasons = JsonSerializer.Deserialize<List<SentimentReason>>(doc["sentimentReasons"].AsString, Json) ?? [],
            Talk = doc["talk"].IsNull ? null : JsonSerializer.Deserialize<TalkSummary>(doc["talk"].AsString, Json),

            // Absent in documents written before schema 3.
            SentimentTimeline = Nested<SentimentPoint>(doc, "sentimentTimeline"),
            Topics = Nested<CallTopic>(doc, "topics"),
            Streams = Nested<StreamQuality>(doc, "streams"),
        };
    }

    private static List<T> Nested<T>(BsonDocument doc, string field)
        => doc[field].IsString ? JsonSerializer.Deserialize<List<T>>(doc[field].AsString, Json) ?? [] : [];

    private static DateTimeOffset Time(long utcTicks, int offsetMinutes)
    {
        var offset = TimeSpan.FromMinutes(offsetMinutes);
        return new DateTimeOffset(utcTicks + offset.Ticks, offset);
    }
}
