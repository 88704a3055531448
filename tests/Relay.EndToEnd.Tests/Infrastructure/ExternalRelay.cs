using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Relay.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The application as its own process (<c>dotnet Relay.Web.dll</c>), so a test can kill it the
/// way a crash or an OOM kill would: no shutdown code runs. Restarted on the same data directory
/// and port, it finds what the killed one left.
/// </summary>
public sealed class ExternalRelay : IAsyncDisposable
{
    private readonly int _port = FreePort();
    private Process? _process;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("relay-external-").FullName;

    public Uri BaseAddress => new($"http://127.0.0.1:{_port}/");

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.WebProject,
        };
        foreach (var argument in (string[])[
            WebDll(),
            "--urls", BaseAddress.ToString().TrimEnd('/'),
            "--environment", "Testing",
            "--contentRoot", RepositoryPaths.WebProject,
            "--Storage:DataDirectory", DataDirectory,
            "--Logging:LogLevel:Default", "Warning",
            "--Media:UdpPort", "0",
            "--Media:TcpPort", "0",
            "--Media:AnnounceLoopback", "true",
        ])
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started");
        // Drained so a full pipe never blocks the server.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(_process.HasExited, $"the app exited with {(_process.HasExited ? _process.ExitCode : 0)}");
            try
            {
                if ((await http.GetAsync("/login")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Starting slowly on a loaded machine.
            }

            Assert.True(DateTime.UtcNow < deadline, "the app did not start within 60 s");
            await Task.Delay(250);
        }
    }

    /// <summary>SIGKILL: nothing of the app's shutdown runs.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying process must not fail the run.
        }
    }

    /// <summary>The build of Relay.Web beside this test build (same configuration).</summary>
    private static string WebDll()
    {
        var parts = AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var bin = Array.LastIndexOf(parts, "bin");
        var configuration = bin >= 0 && bin + 1 < parts.Length ? parts[bin + 1] : "Debug";
        var dll = Path.Combine(RepositoryPaths.WebProject, "bin", configuration, "net10.0", "Relay.Web.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build src/Relay.Web first.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
