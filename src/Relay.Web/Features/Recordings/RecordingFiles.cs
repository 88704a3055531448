using Microsoft.EntityFrameworkCore;
using Relay.Data;
using Relay.Data.Entities;

namespace Relay.Web.Features.Recordings;

/// <summary>
/// /recordings/files/{id}: a ready recording's file, streamed with HTTP range requests (the
/// browser's video element seeks with them), or as a download. 404 for anyone who may not see it.
/// </summary>
public static class RecordingFiles
{
    public const string ContentType = "video/webm";

    public static IEndpointRouteBuilder MapRecordingFiles(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/recordings/files/{id:guid}", (Guid id, HttpContext http, RelayDbContext db, RecordingStorage storage) =>
            ServeAsync(id, http, db, storage, download: false));
        endpoints.MapGet("/recordings/files/{id:guid}/download", (Guid id, HttpContext http, RelayDbContext db, RecordingStorage storage) =>
            ServeAsync(id, http, db, storage, download: true));
        return endpoints;
    }

    public static string StreamUrl(Guid id) => $"/recordings/files/{id}";

    public static string DownloadUrl(Guid id) => $"/recordings/files/{id}/download";

    /// <summary>Deletes a recording's file and row (and its call's folder once empty).</summary>
    public static async Task DeleteAsync(RelayDbContext db, RecordingStorage storage, Recording recording)
    {
        var path = storage.FullPath(recording.FilePath);
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        var folder = Path.GetDirectoryName(path)!;
        if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
        }

        db.Recordings.Remove(recording);
        await db.SaveChangesAsync();
    }

    private static async Task<IResult> ServeAsync(Guid id, HttpContext http, RelayDbContext db, RecordingStorage storage, bool download)
    {
        var recording = await RecordingAccess.Visible(db, http.User)
            .Where(r => r.Id == id && r.Status == RecordingStatus.Ready)
            .Select(r => new { r.FilePath, r.CreatedAt, UserName = r.User.UserName })
            .SingleOrDefaultAsync(http.RequestAborted);
        if (recording is null)
        {
            return Results.NotFound();
        }

        var path = storage.FullPath(recording.FilePath);
        if (!File.Exists(path))
        {
            return Results.NotFound();
        }

        var name = download ? $"recording-{recording.CreatedAt:yyyyMMdd-HHmmss}-{recording.UserName}.webm" : null;
        return Results.File(path, ContentType, name, enableRangeProcessing: true);
    }
}
