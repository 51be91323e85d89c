using Microsoft.Extensions.Logging;

namespace EdgeCc.Agent.Analysis;

/// <summary>Log messages of the keyword spotter pool (no audio, no phrase hits: those are data, not logs).</summary>
internal static partial class KeywordSpottingLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information,
        Message = "Keyword spotting ready: {PhraseCount} phrases, {WordCount} words in {DictionaryPath}, model {ModelDirectory}")]
    public static partial void ModelPrepared(ILogger logger, int phraseCount, int wordCount, string dictionaryPath, string modelDirectory);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Debug, Message = "PocketSphinx decoder {Count} created")]
    public static partial void DecoderCreated(ILogger logger, int count);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning,
        Message = "A keyword spotter was returned mid-leg; its pending audio was dropped")]
    public static partial void ReturnedUnfinished(ILogger logger);
}
