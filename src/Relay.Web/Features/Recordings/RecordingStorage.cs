namespace Relay.Web.Features.Recordings;

/// <summary>
/// Where recording files live: Storage:DataDirectory/recordings. Rows hold paths relative to it,
/// so moving the data directory moves the recordings with it.
/// </summary>
public sealed class RecordingStorage(string directory)
{
    public string Directory { get; } = directory;

    /// <summary>A new file's relative path: one folder per call, one file per recording row.</summary>
    public static string NewRelativePath(Guid callId, Guid recordingId) =>
        Path.Combine(callId.ToString("N"), recordingId.ToString("N") + ".webm");

    /// <summary>The full path of a stored relative path; refuses anything that would leave the directory.</summary>
    public string FullPath(string relativePath)
    {
        var full = Path.GetFullPath(relativePath, Directory);
        return full.StartsWith(Directory + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw new InvalidOperationException("A recording path points outside the recordings directory.");
    }
}
