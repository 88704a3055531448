using System.Diagnostics;

namespace Relay.Media.Tests.Recording;

/// <summary>Runs ffmpeg and ffprobe (test.sh installs them) and returns what they printed.</summary>
internal static class MediaTools
{
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }

    /// <summary>Runs a tool that must succeed; its output.</summary>
    public static async Task<string> RunCheckedAsync(string tool, params string[] arguments)
    {
        var (exitCode, output, errors) = await RunAsync(tool, arguments);
        Assert.True(exitCode == 0, $"{tool} {string.Join(' ', arguments)} exited with {exitCode}: {errors}");
        return output;
    }
}
