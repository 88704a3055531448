namespace Relay.Testing;

public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string WebProject => Path.Combine(Root, "src", "Relay.Web");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MediaRelay.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MediaRelay.sln not found above " + AppContext.BaseDirectory);
    }
}
