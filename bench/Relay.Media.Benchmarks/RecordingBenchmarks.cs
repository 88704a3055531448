using BenchmarkDotNet.Attributes;

namespace Relay.Media.Benchmarks;

/// <summary>
/// What recording costs per packet in steady state, writer side included: one second of a leg's
/// media (<see cref="RecordingLoad"/>, paced at real time) into one recording, and into 200 at
/// once (a relay recording 100 calls, as in bench/README.md "Recording under load"). The times
/// are the pacing, not the work; the figure to read is Allocated, per packet handed to a
/// recording. The MemoryDiagnoser counts the whole process, so the writer tasks' allocations on
/// thread-pool threads show; STYLE.md wants 0 B.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1, unrollFactor: 1)]
public class RecordingBenchmarks
{
    private const int ManySessions = 200;
    private RecordingLoad _load = null!;

    [GlobalSetup(Target = nameof(OneRecording))]
    public void SetupOne() => Start(1);

    [GlobalSetup(Target = nameof(ManyRecordings))]
    public void SetupMany() => Start(ManySessions);

    [Benchmark(OperationsPerInvoke = RecordingLoad.PacketsPerSecond)]
    public void OneRecording() => _load.Run(seconds: 1);

    [Benchmark(OperationsPerInvoke = RecordingLoad.PacketsPerSecond * ManySessions)]
    public void ManyRecordings() => _load.Run(seconds: 1);

    [GlobalCleanup]
    public void Cleanup()
    {
        var overflowed = _load.Overflowed;
        _load.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (overflowed != 0)
        {
            // Dropped packets were not recorded: the run measured less than it claims.
            throw new InvalidOperationException($"{overflowed} packets overflowed the recording queues.");
        }
    }

    private void Start(int sessions)
    {
        _load = new RecordingLoad(sessions);

        // The pools, queues and reorder buffers grow to what the recordings keep in flight in
        // the first seconds; the measured iterations are the steady state after that.
        _load.Run(seconds: 3);
    }
}
