namespace EdgeCc.Agent.Tests;

/// <summary>Where the repository, its samples and the shared third-party test data are.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary><c>../shared/testdata</c> beside the repository (see its INDEX.md).</summary>
    public static string SharedTestData { get; } = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "testdata"));

    public static string Shared(string relative)
    {
        var path = Path.Combine(SharedTestData, relative);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException($"Shared test data '{relative}' is missing; expected it under {SharedTestData}.", path);
        }

        return path;
    }

    public static string Repo(string relative) => Path.Combine(RepoRoot, relative);

    /// <summary>Fails with the install command when a Debian package a test needs is absent.</summary>
    public static string RequireFile(string path, string aptPackage)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: install it with 'sudo apt-get install -y {aptPackage}'.");
        }

        return path;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgeCc.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("EdgeCc.sln not found above " + AppContext.BaseDirectory);
    }
}
