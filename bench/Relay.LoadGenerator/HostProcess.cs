using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Relay.MediaHost;

namespace Relay.LoadGenerator;

/// <summary>
/// The relay under test: bench/Relay.MediaHost in its own process (optionally under
/// <c>taskset -c core</c>), driven over its stdin/stdout line protocol. One request at a time.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private HostProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public static async Task<HostProcess> StartAsync(string hostDll, int? pinCore, int? nice, int? batchMicroseconds, string? recordDirectory)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // nice -n N taskset -c C dotnet host.dll, each part optional.
        var command = new List<string>();
        if (nice is { } niceness)
        {
            command.AddRange([FindOnPath("nice") ?? throw new InvalidOperationException("--host-nice needs nice (coreutils), which is not on PATH."), "-n", niceness.ToString(CultureInfo.InvariantCulture)]);
        }

        if (pinCore is { } core)
        {
            command.AddRange([FindOnPath("taskset") ?? throw new InvalidOperationException("--pin-core needs taskset (util-linux), which is not on PATH."), "-c", core.ToString(CultureInfo.InvariantCulture)]);
        }

        command.Add("dotnet");
        start.FileName = command[0];
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add(hostDll);
        if (batchMicroseconds is { } batch)
        {
            start.ArgumentList.Add("--batch-us");
            start.ArgumentList.Add(batch.ToString(CultureInfo.InvariantCulture));
        }

        if (recordDirectory is not null)
        {
            start.ArgumentList.Add("--record");
            start.ArgumentList.Add(recordDirectory);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The media host did not start.");
        var ready = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The media host exited before it was ready.");
        if (!ready.StartsWith("ready ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The media host said '{ready}'.");
        }

        return new HostProcess(process, int.Parse(ready.AsSpan(6), CultureInfo.InvariantCulture));
    }

    public async Task<int> CreateSessionAsync() =>
        int.Parse((await RequestAsync("session", "session ")).AsSpan(), CultureInfo.InvariantCulture);

    public async Task<string> CreateLegAsync(int session, string offer)
    {
        var reply = await RequestAsync($"leg {session} {Convert.ToBase64String(Encoding.UTF8.GetBytes(offer))}", "answer ");
        return Encoding.UTF8.GetString(Convert.FromBase64String(reply));
    }

    public Task CollectAsync() => RequestAsync("gc", "ok");

    public async Task<HostStats> StatsAsync() =>
        JsonSerializer.Deserialize(await RequestAsync("stats", "stats "), HostStatsJson.Default.HostStats)
            ?? throw new InvalidOperationException("Empty stats.");

    private async Task<string> RequestAsync(string line, string expected)
    {
        await _gate.WaitAsync();
        try
        {
            await _process.StandardInput.WriteLineAsync(line);
            await _process.StandardInput.FlushAsync();
            var reply = await _process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The media host exited.");
            if (!reply.StartsWith(expected, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The media host answered '{reply}' to '{line.Split(' ')[0]}'.");
            }

            return reply[expected.Length..];
        }
        finally
        {
            _gate.Release();
        }
    }

    private static string? FindOnPath(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RequestAsync("quit", "bye");
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException or TimeoutException)
        {
            _process.Kill();
        }

        _process.Dispose();
        _gate.Dispose();
    }
}
