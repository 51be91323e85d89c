using EdgeCc.Agent.Analysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Tests.Analysis;

public sealed class AnalysisOptionsValidatorTests
{
    private static IReadOnlyList<string> Failures(AnalysisOptions options)
    {
        var result = new AnalysisOptionsValidator().Validate(null, options);
        return result.Failed ? [.. result.Failures!] : [];
    }

    [Fact]
    public void Configured_call_center_phrases_are_valid()
    {
        Assert.Empty(Failures(SpeechFixtures.Options(SpeechFixtures.CallCenterPhrases)));
    }

    [Fact]
    public void No_phrases_is_reported_with_its_key()
    {
        var failure = Assert.Single(Failures(SpeechFixtures.Options()));
        Assert.Equal("Analysis:Phrases is empty: configure at least one phrase", failure);
    }

    [Fact]
    public void A_word_missing_from_the_dictionary_is_named_with_its_phrase_key()
    {
        var options = SpeechFixtures.Options("speak to a manager", "cancel my account", "thank you", "please hold", "zorblax now");

        var failure = Assert.Single(Failures(options));

        Assert.Equal(
            $"Analysis:Phrases:4:Text: word 'zorblax' is not in the pronunciation dictionary {SpeechFixtures.DictionaryPath}: add it to Analysis:Pronunciations", failure);
    }

    [Fact]
    public void A_missing_model_directory_names_the_package_to_install()
    {
        var options = SpeechFixtures.Options("speak to a manager");
        options.ModelDirectory = "/nonexistent/model";

        var failure = Assert.Single(Failures(options));

        Assert.Equal("Analysis:ModelDirectory '/nonexistent/model' does not exist (install pocketsphinx-en-us)", failure);
    }

    [Fact]
    public void A_missing_dictionary_is_reported_with_its_key()
    {
        var options = SpeechFixtures.Options("speak to a manager");
        options.DictionaryPath = "/nonexistent/cmudict.dict";

        var failure = Assert.Single(Failures(options));

        Assert.Equal("Analysis:DictionaryPath '/nonexistent/cmudict.dict' does not exist (install pocketsphinx-en-us)", failure);
    }

    [Fact]
    public void Duplicate_phrase_texts_ignoring_case_and_spacing_are_reported()
    {
        var options = SpeechFixtures.Options("speak to a manager", "cancel my account", "Speak to  a MANAGER");

        var failure = Assert.Single(Failures(options));

        Assert.Equal(
            "Analysis:Phrases:2:Text 'Speak to  a MANAGER' duplicates Analysis:Phrases:0:Text (phrases are compared in lower case)", failure);
    }

    [Fact]
    public void Empty_category_and_empty_text_are_reported_per_phrase()
    {
        var options = SpeechFixtures.Options("speak to a manager", " ");
        options.Phrases[0].Category = "";

        var failures = Failures(options);

        Assert.Equal(
            ["Analysis:Phrases:0:Category is empty: give the phrase a category (escalation, churn, compliance, ...)", "Analysis:Phrases:1:Text is empty"],
            failures);
    }

    [Fact]
    public void Out_of_range_thresholds_noisy_boundary_and_high_pass_are_reported_with_their_keys()
    {
        var options = SpeechFixtures.Options("speak to a manager");
        options.Phrases[0].Threshold = 151;
        options.Phrases[0].NoisyThreshold = -81;
        options.Phrases[0].NarrowbandNoisyThreshold = 200;
        options.NoisyBelowSnrDb = 61;
        options.HighPassHz = -1;

        Assert.Equal(
            [
                "Analysis:NoisyBelowSnrDb is 61: it must be between 0 and 60 dB (0: no leg is noisy)",
                "Analysis:HighPassHz is -1: it must be between 0 (no filter) and 1000 Hz",
                "Analysis:Phrases:0:Threshold is 151: it is the exponent of 1e<n> and must be between -80 and 150",
                "Analysis:Phrases:0:NoisyThreshold is -81: it is the exponent of 1e<n> and must be between -80 and 150",
                "Analysis:Phrases:0:NarrowbandNoisyThreshold is 200: it is the exponent of 1e<n> and must be between -80 and 150",
            ],
            Failures(options));
    }

    [Fact]
    public void Out_of_range_phone_loop_probabilities_are_reported_with_their_keys()
    {
        var options = SpeechFixtures.Options("speak to a manager");
        options.PhoneLoopProbability = 1;
        options.Narrowband.PhoneLoopProbability = -41;

        Assert.Equal(
            [
                "Analysis:PhoneLoopProbability is 1: it is the exponent of 1e<n> and must be between -40 and 0",
                "Analysis:Narrowband:PhoneLoopProbability is -41: it is the exponent of 1e<n> and must be between -40 and 0",
            ],
            Failures(options));
    }

    [Fact]
    public void Options_bound_from_configuration_fail_with_the_validator_message()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Analysis:ModelDirectory"] = SpeechFixtures.ModelDirectory,
            ["Analysis:DictionaryPath"] = SpeechFixtures.DictionaryPath,
            ["Analysis:Phrases:0:Text"] = "speak to a manager",
            ["Analysis:Phrases:0:Category"] = "escalation",
            ["Analysis:Phrases:1:Text"] = "zorblax",
            ["Analysis:Phrases:1:Category"] = "topic",
        }).Build();
        var services = new ServiceCollection();
        services.AddOptions<AnalysisOptions>().Bind(configuration.GetSection(AnalysisOptions.Section)).ValidateDataAnnotations();
        services.AddSingleton<IValidateOptions<AnalysisOptions>, AnalysisOptionsValidator>();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AnalysisOptions>>().Value);

        Assert.Equal(
            [$"Analysis:Phrases:1:Text: word 'zorblax' is not in the pronunciation dictionary {SpeechFixtures.DictionaryPath}: add it to Analysis:Pronunciations"],
            error.Failures);
    }
}
