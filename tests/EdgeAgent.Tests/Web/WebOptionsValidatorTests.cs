using EdgeCc.Agent.Web;

namespace EdgeCc.Agent.Tests.Web;

public sealed class WebOptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid_and_bind_to_loopback()
    {
        var options = new WebOptions();

        Assert.True(new WebOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal("http://127.0.0.1:8080", options.Urls);
        Assert.Null(options.AcknowledgePin);
    }

    [Theory]
    [InlineData("Urls", "ftp://127.0.0.1:21", "Web:Urls has 'ftp://127.0.0.1:21'")]
    [InlineData("Urls", "127.0.0.1:8080", "Web:Urls has '127.0.0.1:8080'")]
    [InlineData("AcknowledgePin", "12a4", "Web:AcknowledgePin must be 4 to 12 digits")]
    [InlineData("AcknowledgePin", "123", "Web:AcknowledgePin must be 4 to 12 digits")]
    [InlineData("HeartbeatSeconds", "10", "Web:HeartbeatSeconds (10) must be shorter than Web:StaleAfterSeconds (10)")]
    public void Bad_values_are_refused_naming_the_key(string key, string value, string message)
    {
        var options = new WebOptions();
        switch (key)
        {
            case "Urls": options.Urls = value; break;
            case "AcknowledgePin": options.AcknowledgePin = value; break;
            default: options.HeartbeatSeconds = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
        }

        var result = new WebOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith(message, StringComparison.Ordinal));
    }
}
