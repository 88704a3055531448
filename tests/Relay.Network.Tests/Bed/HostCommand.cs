using System.Diagnostics;

namespace Relay.Network.Tests.Bed;

/// <summary>Runs iproute2 and nftables as an operator would, failing with the tool's own message.</summary>
internal static class HostCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>sbin is not on every PATH (a non-root shell's), so look there too.</summary>
    private static readonly string[] ExtraDirectories = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"];

    public static string? Find(string tool)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(ExtraDirectories))
        {
            var candidate = Path.Combine(directory, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Runs <paramref name="tool"/>; a non-zero exit becomes a <see cref="BedUnavailableException"/> with stderr.</summary>
    public static async Task<string> RunAsync(string tool, IEnumerable<string> arguments, string? input = null)
    {
        var result = await TryRunAsync(tool, arguments, input);
        if (result.ExitCode != 0)
        {
            throw new BedUnavailableException($"`{result.CommandLine}` failed (exit {result.ExitCode}): {result.Error.Trim()}");
        }

        return result.Output;
    }

    /// <summary>Runs <paramref name="tool"/> and reports how it went, for teardown steps whose failure is not an error.</summary>
    public static async Task<(int ExitCode, string Output, string Error, string CommandLine)> TryRunAsync(string tool, IEnumerable<string> arguments, string? input = null)
    {
        var executable = Find(tool) ?? throw new BedUnavailableException($"`{tool}` is not installed (Debian: apt-get install iproute2 nftables).");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var commandLine = tool + " " + string.Join(' ', start.ArgumentList);
        using var process = Process.Start(start) ?? throw new BedUnavailableException($"`{commandLine}` did not start");
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new BedUnavailableException($"`{commandLine}` did not finish within {Timeout.TotalSeconds} s");
        }

        return (process.ExitCode, await output, await error, commandLine);
    }
}
