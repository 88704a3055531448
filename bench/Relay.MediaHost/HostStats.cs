using System.Text.Json.Serialization;

namespace Relay.MediaHost;

/// <summary>The reply to <c>stats</c>, read by bench/Relay.LoadGenerator too. CPU time is in 100 ns ticks (<see cref="TimeSpan.Ticks"/>).</summary>
internal sealed record HostStats(
    long Received,
    long Forwarded,
    long Dropped,
    long HandlerFaults,
    long CpuTicks,
    long UserCpuTicks,
    long ContextSwitches,
    long RunQueueWaitNs,
    long WorkingSet,
    long GcHeap,
    long Allocated,
    int Gen0,
    int Gen1,
    int Gen2,
    int Legs,
    int Connected,
    long RecordedBytes,
    long RecordingOverflows);

[JsonSerializable(typeof(HostStats))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class HostStatsJson : JsonSerializerContext;
