namespace EdgeCc.Drivers.Tests;

/// <summary>
/// Each driver README's C# block must be the snippet compiled in the matching *ReadmeExample.cs, so a README
/// never shows code that does not build.
/// </summary>
public class ReadmeSnippetTests
{
    private static readonly string RepoRoot = FindRepoRoot();

    [Theory]
    [InlineData("Ws2812")]
    [InlineData("Max7219")]
    [InlineData("Ht16k33")]
    [InlineData("StackLight")]
    [InlineData("Button")]
    [InlineData("Simulated")]
    public void Readme_usage_block_is_the_compiled_example(string folder)
    {
        string readme = File.ReadAllText(Path.Combine(RepoRoot, "src", "Drivers", folder, "README.md"));
        string example = File.ReadAllText(Path.Combine(RepoRoot, "tests", "Drivers.Tests", folder, folder + "ReadmeExample.cs"));

        Assert.Equal(Normalize(Between(example, "// README snippet begins\n", "        // README snippet ends")), Normalize(Between(readme, "```csharp\n", "```")));
    }

    private static string Between(string text, string start, string end)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        int a = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(a >= 0, $"missing '{start.Trim()}'");
        a += start.Length;
        int b = text.IndexOf(end, a, StringComparison.Ordinal);
        Assert.True(b >= 0, $"missing '{end.Trim()}'");
        return text[a..b];
    }

    private static string Normalize(string block) =>
        string.Join('\n', block.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgeCc.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("EdgeCc.sln not found above " + AppContext.BaseDirectory);
    }
}
