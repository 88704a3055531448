using System.Diagnostics;

namespace Relay.Testing.Browser;

/// <summary>
/// A fake camera picture of 1280x720 moving test pattern with noise, made with ffmpeg (lavfi)
/// and looped by Chromium (MEDIA-NOTES.md, known-content media). The default fake camera's
/// picture is so simple that VP8 codes it in about 700 kbit/s at 720p whatever the bandwidth
/// (qualityLimitationReason "none", estimate idling at ~1.2 Mbit/s), so a test of bandwidth
/// ramp-up or of a capped link needs a picture that can use more.
/// </summary>
public static class DetailedVideo
{
    private static readonly string VideoPath = Path.Combine(RepositoryPaths.Root, "artifacts", "media", "noisy-1280x720.y4m");
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Makes the video if needed and returns the Chromium flag that uses it as the camera.</summary>
    public static async Task<string> CaptureArgumentAsync()
    {
        await Gate.WaitAsync();
        try
        {
            await CreateAsync();
        }
        finally
        {
            Gate.Release();
        }

        return $"--use-file-for-fake-video-capture={VideoPath}";
    }

    /// <summary>Two seconds at 30 frames/s (83 MB of raw YUV); made once and kept under artifacts/.</summary>
    private static async Task CreateAsync()
    {
        if (File.Exists(VideoPath))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(VideoPath)!);
        var partial = VideoPath + ".partial.y4m";
        using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg")
        {
            ArgumentList =
            {
                "-hide_banner", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30,noise=alls=20:allf=t+u",
                "-t", "2", "-pix_fmt", "yuv420p", partial,
            },
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("ffmpeg could not be started: install Debian's ffmpeg package.");
        var errors = await ffmpeg.StandardError.ReadToEndAsync();
        await ffmpeg.WaitForExitAsync();
        if (ffmpeg.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed to make the test video: {errors}");
        }

        // Renamed only when complete, so a run cut short never leaves half a video behind.
        File.Move(partial, VideoPath, overwrite: true);
    }
}
