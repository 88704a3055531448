using System.Diagnostics;
using Relay.Media.Client;
using Relay.Media.Dtls;
using Relay.Media.Sessions;
using Relay.MediaHost;

namespace Relay.LoadGenerator;

/// <summary>Starts the media host, sets up N 1:1 calls (two client peers each), then sends and measures.</summary>
internal sealed class LoadRun : IAsyncDisposable
{
    /// <summary>After the window closes, packets stamped inside it may still be on their way.</summary>
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(1);

    private readonly Options _options;
    private readonly HostProcess _host;
    private readonly Measurement _measurement = new();
    private CallEnd[] _ends = [];
    private HostStats? _beforeLegs;
    private HostStats? _afterLegs;
    private TimeSpan _setupTime;

    private LoadRun(Options options, HostProcess host)
    {
        _options = options;
        _host = host;
    }

    public static async Task<LoadRun> StartAsync(Options options)
    {
        var host = await HostProcess.StartAsync(options.ResolveHostDll(), options.PinCore, options.HostNice, options.RelayBatchMicroseconds, options.RecordDirectory);
        var run = new LoadRun(options, host);
        await run.ConnectAsync();
        return run;
    }

    private async Task ConnectAsync()
    {
        await _host.CollectAsync();
        _beforeLegs = await _host.StatsAsync();
        var clock = Stopwatch.StartNew();

        // One identity for every peer: certificate generation is not what is measured.
        var peerOptions = new ClientPeerOptions { Certificate = DtlsCertificate.Create("load-generator"), Transport = _options.Transport };
        _ends = new CallEnd[_options.Calls * 2];
        for (var i = 0; i < _ends.Length; i++)
        {
            _ends[i] = new CallEnd(peerOptions, _measurement);
        }

        using var gate = new SemaphoreSlim(_options.ConnectParallel);
        var calls = new Task[_options.Calls];
        for (var call = 0; call < _options.Calls; call++)
        {
            calls[call] = ConnectCallAsync(gate, _ends[2 * call], _ends[(2 * call) + 1]);
        }

        await Task.WhenAll(calls);
        _setupTime = clock.Elapsed;

        // Let the relay's handshake threads finish and settle before the memory reading.
        await Task.Delay(TimeSpan.FromSeconds(1));
        await _host.CollectAsync();
        _afterLegs = await _host.StatsAsync();
        if (_afterLegs.Connected != _ends.Length)
        {
            throw new InvalidOperationException($"{_afterLegs.Connected} of {_ends.Length} relay legs connected.");
        }
    }

    private async Task ConnectCallAsync(SemaphoreSlim gate, CallEnd a, CallEnd b)
    {
        await gate.WaitAsync();
        try
        {
            var session = await _host.CreateSessionAsync();
            var answerA = await _host.CreateLegAsync(session, a.Peer.CreateOffer());
            var answerB = await _host.CreateLegAsync(session, b.Peer.CreateOffer());
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await Task.WhenAll(a.Peer.ConnectAsync(answerA, timeout.Token), b.Peer.ConnectAsync(answerB, timeout.Token));
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<RunResult> MeasureAsync()
    {
        var senders = new Senders(_ends, _options.SenderThreads);
        senders.Start();
        await Task.Delay(TimeSpan.FromSeconds(_options.Warmup));

        var before = await _host.StatsAsync();
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var machineBefore = MachineLoad.Read();
        senders.ResetLateness();
        _measurement.Open();
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(_options.Seconds));
        _measurement.Close();
        var after = await _host.StatsAsync();
        var window = clock.Elapsed;
        var machineAfter = MachineLoad.Read();
        self.Refresh();
        var generatorCpu = self.TotalProcessorTime - cpuBefore;
        var generatorAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var generatorCollections = $"{GC.CollectionCount(0) - collectionsBefore[0]}/{GC.CollectionCount(1) - collectionsBefore[1]}/{GC.CollectionCount(2) - collectionsBefore[2]}";
        var late = senders.MaxLateMilliseconds;
        var skipped = senders.Skipped;

        await Task.Delay(Drain);
        senders.Stop();

        long sent = 0, received = 0, gaps = 0, outOfOrder = 0, srtpFailures = 0, receiveFaults = 0;
        var sentByKind = new long[2];
        foreach (var end in _ends)
        {
            sentByKind[0] += end.SentInWindow[0];
            sentByKind[1] += end.SentInWindow[1];
            foreach (var kind in (ReadOnlySpan<MediaKind>)[MediaKind.Audio, MediaKind.Video])
            {
                var reception = end.Reception(kind);
                received += reception.ReceivedInWindow;
                gaps += reception.GapsInWindow;
                outOfOrder += reception.OutOfOrder;
            }

            srtpFailures += end.Peer.SrtpFailures;
            receiveFaults += end.Peer.ReceiveFaults;
        }

        sent = sentByKind[0] + sentByKind[1];
        return new RunResult
        {
            Calls = _options.Calls,
            Legs = _ends.Length,
            SetupTime = _setupTime,
            Window = window,
            Sent = sent,
            SentAudio = sentByKind[(int)MediaKind.Audio],
            SentVideo = sentByKind[(int)MediaKind.Video],
            Received = received,
            CounterGaps = gaps,
            OutOfOrder = outOfOrder,
            ClientSrtpFailures = srtpFailures,
            ClientReceiveFaults = receiveFaults,
            LatencyP50 = _measurement.Latency.Percentile(0.50),
            LatencyP99 = _measurement.Latency.Percentile(0.99),
            LatencyP999 = _measurement.Latency.Percentile(0.999),
            LatencyMax = _measurement.Latency.MaxMicroseconds,
            SenderMaxLateMs = late,
            SenderSkipped = skipped,
            GeneratorCpu = generatorCpu,
            GeneratorAllocated = generatorAllocated,
            GeneratorCollections = generatorCollections,
            MachineBusyCores = (machineAfter.BusyTicks - machineBefore.BusyTicks) / MachineLoad.TicksPerSecond / window.TotalSeconds,
            UdpReceiveBufferErrors = machineAfter.UdpReceiveBufferErrors - machineBefore.UdpReceiveBufferErrors,
            Before = before,
            After = after,
            BeforeLegs = _beforeLegs!,
            AfterLegs = _afterLegs!,
        };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var end in _ends)
        {
            await end.DisposeAsync();
        }

        await _host.DisposeAsync();
    }
}
