namespace Relay.Web.Hosting;

/// <summary>The "Storage" configuration section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Where the SQLite database (and later recordings) live; relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "App_Data";
}
