using System.Text.Json.Serialization;

namespace Relay.LoadGenerator;

/// <summary>The media host's <c>stats</c> reply (bench/Relay.MediaHost/HostStats.cs); CPU time in 100 ns ticks.</summary>
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
    int Connected);

[JsonSerializable(typeof(HostStats))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class HostStatsJson : JsonSerializerContext;
