using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Relay.Media;
using Relay.Media.Diagnostics;
using Relay.Media.Recording;
using Relay.Media.Sessions;

namespace Relay.MediaHost;

/// <summary>
/// A line protocol, one request and one reply per line, in order (the generator serialises its
/// requests):
/// <code>
/// (at start)                 → ready &lt;udp port&gt;
/// session                    → session &lt;id&gt;
/// leg &lt;id&gt; &lt;base64 offer&gt;     → answer &lt;base64 answer&gt; | error &lt;text&gt;
/// gc                         → ok            (full blocking collection, before a memory reading)
/// stats                      → stats &lt;json&gt;
/// quit                       → bye
/// </code>
/// The relay is the product's <see cref="MediaRelay"/>, configured for loopback only. With a
/// recording directory, every leg's inbound media is recorded there as the app records a call
/// (one <see cref="RecordingSession"/> per leg, one call clock per session).
/// </summary>
internal sealed class HostCommands : IAsyncDisposable
{
    private readonly MediaRelay _relay;
    private readonly string? _recordDirectory;
    private readonly List<MediaSession> _sessions = [];
    private readonly List<CallClock> _clocks = [];
    private readonly List<(RecordingSession Session, string Path)> _recordings = [];
    private readonly Process _process = Process.GetCurrentProcess();
    private long _statsAllocated;

    private HostCommands(MediaRelay relay, string? recordDirectory)
    {
        _relay = relay;
        _recordDirectory = recordDirectory;
    }

    public static HostCommands Start(TimeSpan? receiveBatchInterval, string? recordDirectory)
    {
        var options = new MediaOptions { UdpPort = 0, TcpPort = 0, AnnounceLoopback = true };
        if (receiveBatchInterval is { } interval)
        {
            options.ReceiveBatchInterval = interval;
        }

        options.AnnouncedAddresses.Add("127.0.0.1");
        if (recordDirectory is not null)
        {
            Directory.CreateDirectory(recordDirectory);
        }

        return new HostCommands(MediaRelay.Start(options), recordDirectory);
    }

    public async Task RunAsync(TextReader input, TextWriter output)
    {
        await output.WriteLineAsync($"ready {_relay.LocalEndPoint.Port}");
        await output.FlushAsync();
        while (await input.ReadLineAsync() is { } line)
        {
            var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0)
            {
                continue;
            }

            var reply = parts[0] switch
            {
                "session" => NewSession(),
                "leg" when parts.Length == 3 => NewLeg(parts[1], parts[2]),
                "gc" => Collect(),
                "stats" => "stats " + Stats(),
                "quit" => "bye",
                _ => $"error unknown command '{parts[0]}'",
            };
            await output.WriteLineAsync(reply);
            await output.FlushAsync();
            if (parts[0] == "quit")
            {
                return;
            }
        }
    }

    private string NewSession()
    {
        _sessions.Add(new MediaSession());
        _clocks.Add(new CallClock(TimeProvider.System));
        return $"session {_sessions.Count - 1}";
    }

    private string NewLeg(string id, string offerBase64)
    {
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= _sessions.Count)
        {
            return $"error no session '{id}'";
        }

        var offer = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(offerBase64));
        var session = _sessions[index];
        var leg = _relay.TryCreateLeg(session, offer, out var error);
        if (leg is null)
        {
            return $"error {error}";
        }

        session.Add(leg);
        if (_recordDirectory is not null)
        {
            var path = Path.Combine(_recordDirectory, $"{index}-{leg.Id:N}.webm");
            var recording = RecordingSession.Start(path, leg.RecordingOptions(), _clocks[index], _relay.Counters, leg);
            _recordings.Add((recording, path));
            leg.Recorder = recording;
        }

        return "answer " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(leg.AnswerSdp));
    }

    private static string Collect()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return "ok";
    }

    /// <summary>
    /// GC.GetTotalAllocatedBytes less what earlier <c>stats</c> replies allocated (reading /proc,
    /// JSON), so that the difference of two readings is the relay's own allocation.
    /// </summary>
    private string Stats()
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        _process.Refresh();
        var scheduling = Scheduling();
        var counters = _relay.Counters;
        var dropped = 0L;
        foreach (var reason in Enum.GetValues<DropReason>())
        {
            dropped += counters.Dropped(reason);
        }

        var connected = 0;
        foreach (var leg in _relay.Legs)
        {
            connected += leg.State == LegState.Connected ? 1 : 0;
        }

        var stats = new HostStats(
            counters.PacketsReceived,
            counters.PacketsForwarded,
            dropped,
            _relay.HandlerFaults,
            _process.TotalProcessorTime.Ticks,
            _process.UserProcessorTime.Ticks,
            scheduling.Switches,
            scheduling.RunQueueWaitNs,
            _process.WorkingSet64,
            GC.GetTotalMemory(forceFullCollection: false),
            allocated - _statsAllocated,
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2),
            _relay.LegCount,
            connected,
            RecordedBytes(),
            counters.RecordingQueueOverflows);
        var json = JsonSerializer.Serialize(stats, HostStatsJson.Default.HostStats);
        _statsAllocated += GC.GetTotalAllocatedBytes(precise: true) - allocated;
        return json;
    }

    /// <summary>
    /// Over all our threads (Linux /proc; -1 elsewhere): voluntary plus involuntary context
    /// switches, and the time spent runnable but waiting for the CPU (schedstat's second field,
    /// ns): on a shared machine, how long neighbours kept the relay off its core.
    /// </summary>
    private static (long Switches, long RunQueueWaitNs) Scheduling()
    {
        long switches = 0, wait = 0;
        try
        {
            foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.Contains("ctxt_switches:", StringComparison.Ordinal))
                    {
                        switches += long.Parse(line.AsSpan(line.IndexOf(':', StringComparison.Ordinal) + 1).Trim(), CultureInfo.InvariantCulture);
                    }
                }

                var schedstat = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ');
                wait += long.Parse(schedstat[1], CultureInfo.InvariantCulture);
            }
        }
        catch (IOException)
        {
            return (-1, -1);
        }

        return (switches, wait);
    }

    /// <summary>What the recordings have written so far (each flushes about once a second).</summary>
    private long RecordedBytes()
    {
        long bytes = 0;
        foreach (var (_, path) in _recordings)
        {
            var file = new FileInfo(path);
            bytes += file.Exists ? file.Length : 0;
        }

        return bytes;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (recording, _) in _recordings)
        {
            await recording.StopAsync();
        }

        await _relay.DisposeAsync();
        _process.Dispose();
    }
}
