using EdgeCc.Agent.Hosting;

namespace EdgeCc.Agent.Tests.Hosting;

public class CommandLineTests
{
    [Fact]
    public void No_verb_means_run()
    {
        var command = CommandLine.Parse([]);
        Assert.Equal("run", command.Verb);
        Assert.Empty(command.Arguments);
    }

    [Fact]
    public void Verb_arguments_options_flags_and_overrides_are_told_apart()
    {
        var command = CommandLine.Parse(["replay", "call.wav", "--realtime", "--agent", "1001", "--Analysis:Workers=3", "--speed=4"]);

        Assert.Equal("replay", command.Verb);
        Assert.Equal(["call.wav"], command.Arguments);
        Assert.True(command.Has("realtime"));
        Assert.Equal("1001", command.Get("agent"));
        Assert.Equal(4, command.GetDouble("speed", 1));
        Assert.Equal("3", command.Overrides["Analysis:Workers"]);
    }

    [Fact]
    public void Option_without_its_value_is_an_error_naming_it()
    {
        var error = Assert.Throws<CommandLineException>(() => CommandLine.Parse(["demo", "--speed"]));
        Assert.Contains("--speed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_numeric_speed_is_an_error_naming_the_option()
    {
        var command = CommandLine.Parse(["demo", "--speed", "fast"]);
        var error = Assert.Throws<CommandLineException>(() => command.GetDouble("speed", 1));
        Assert.Contains("--speed", error.Message, StringComparison.Ordinal);
    }
}
