using Microsoft.Extensions.Logging;

namespace EdgeCc.Agent.Analysis;

/// <summary>Log messages of the analysis stage: workers, calls, the spotter pool. Never audio.</summary>
internal static partial class AnalysisLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information,
        Message = "Keyword spotting ready for {Band} legs: {PhraseCount} phrases, {WordCount} words in {DictionaryPath}, model {ModelDirectory}")]
    public static partial void ModelPrepared(ILogger logger, SpottingBand band, int phraseCount, int wordCount, string dictionaryPath, string modelDirectory);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Debug, Message = "PocketSphinx decoder {Count} created")]
    public static partial void DecoderCreated(ILogger logger, int count);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning,
        Message = "A keyword spotter was returned mid-leg; its pending audio was dropped")]
    public static partial void ReturnedUnfinished(ILogger logger);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information,
        Message = "Keyword spotting follows the changed configuration: {PhraseCount} phrases for new legs; legs in progress keep the old list")]
    public static partial void PhrasesUpdated(ILogger logger, int phraseCount);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Error,
        Message = "Changed Analysis configuration not applied to keyword spotting, the previous phrases stay: {Reason}")]
    public static partial void PhraseUpdateRejected(ILogger logger, string reason);

    [LoggerMessage(4111, LogLevel.Debug, "Call {CallId} opened for analysis (agent {AgentId}, source {Source})")]
    public static partial void CallOpened(ILogger logger, string callId, string? agentId, string source);

    [LoggerMessage(4112, LogLevel.Information, "Call {CallId} {Leg}: '{Phrase}' ({Category}) at {Seconds:F2} s, confidence {Confidence:F2}")]
    public static partial void PhraseDetected(ILogger logger, string callId, Audio.Leg leg, string phrase, string category, double seconds, double confidence);

    [LoggerMessage(4113, LogLevel.Information, "Call {CallId} ended ({Reason}): {Detections} detections, sentiment {Sentiment:F2}")]
    public static partial void CallSummarised(ILogger logger, string callId, string reason, int detections, double sentiment);

    [LoggerMessage(4114, LogLevel.Error, "Analysis of call {CallId} failed; the call is ended with what it has")]
    public static partial void InputFailed(ILogger logger, string callId, Exception exception);

    [LoggerMessage(4115, LogLevel.Debug, "Call {CallId}: {ReceivedSeconds:F1} s of audio received, {SpottedSeconds:F1} s decoded by the spotters")]
    public static partial void SpotterWorkload(ILogger logger, string callId, double receivedSeconds, double spottedSeconds);

    [LoggerMessage(4116, LogLevel.Warning, "Topic spike: '{Category}' heard {Count} times in {WindowMinutes:F0} min, {Ratio:F1}x its usual {Baseline:F1} per window")]
    public static partial void TopicSpike(ILogger logger, string category, int count, double windowMinutes, double baseline, double ratio);
}
