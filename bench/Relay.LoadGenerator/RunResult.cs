using Relay.MediaHost;
namespace Relay.LoadGenerator;

/// <summary>What one run measured; relay figures are differences of two <see cref="HostStats"/> readings.</summary>
internal sealed record RunResult
{
    public required int Calls { get; init; }

    public required int Legs { get; init; }

    public required TimeSpan SetupTime { get; init; }

    public required TimeSpan Window { get; init; }

    public required long Sent { get; init; }

    public required long SentAudio { get; init; }

    public required long SentVideo { get; init; }

    public required long Received { get; init; }

    public required long CounterGaps { get; init; }

    public required long OutOfOrder { get; init; }

    public required long ClientSrtpFailures { get; init; }

    public required long ClientReceiveFaults { get; init; }

    public required double LatencyP50 { get; init; }

    public required double LatencyP99 { get; init; }

    public required double LatencyP999 { get; init; }

    public required double LatencyMax { get; init; }

    public required double SenderMaxLateMs { get; init; }

    /// <summary>Video frames and audio packets the senders skipped after falling behind (not sent, so not loss).</summary>
    public required long SenderSkipped { get; init; }

    /// <summary>The generator's own CPU time, allocated bytes and gen0/1/2 collections over the window.</summary>
    public required TimeSpan GeneratorCpu { get; init; }

    public required long GeneratorAllocated { get; init; }

    public required string GeneratorCollections { get; init; }

    /// <summary>Busy CPU of the whole machine over the window (all processes), in cores.</summary>
    public required double MachineBusyCores { get; init; }

    /// <summary>Datagrams the kernel dropped for a full socket queue, machine-wide, over the window.</summary>
    public required long UdpReceiveBufferErrors { get; init; }

    /// <summary>What neither the relay nor the generator used: other tenants of the VM.</summary>
    public double OtherCores => MachineBusyCores - RelayCores - (GeneratorCpu.Ticks / (double)Window.Ticks);

    public required HostStats Before { get; init; }

    public required HostStats After { get; init; }

    public required HostStats BeforeLegs { get; init; }

    public required HostStats AfterLegs { get; init; }

    public long Lost => Sent - Received;

    public double LossPercent => Sent == 0 ? 0 : 100.0 * Lost / Sent;

    public long Forwarded => After.Forwarded - Before.Forwarded;

    public long HandlerFaults => After.HandlerFaults;

    public double RelayCpuMicrosecondsPerPacket => Forwarded == 0 ? double.NaN : (After.CpuTicks - Before.CpuTicks) / 10.0 / Forwarded;

    public double RelayUserShare => (After.UserCpuTicks - Before.UserCpuTicks) / (double)(After.CpuTicks - Before.CpuTicks);

    public double RelayContextSwitchesPerPacket => Forwarded == 0 ? double.NaN : (After.ContextSwitches - Before.ContextSwitches) / (double)Forwarded;

    /// <summary>Time the relay's threads were runnable but off the CPU, per second of window (summed over threads).</summary>
    public double RelayRunQueueWaitMsPerSecond => (After.RunQueueWaitNs - Before.RunQueueWaitNs) / 1e6 / Window.TotalSeconds;

    /// <summary>The relay's CPU use over the window, in cores (1.0 = one core busy).</summary>
    public double RelayCores => (After.CpuTicks - Before.CpuTicks) / (double)Window.Ticks;

    public double AllocatedBytesPerPacket => Forwarded == 0 ? double.NaN : (After.Allocated - Before.Allocated) / (double)Forwarded;

    public double WorkingSetPerLegKiB => (AfterLegs.WorkingSet - BeforeLegs.WorkingSet) / 1024.0 / Legs;

    public double GcHeapPerLegKiB => (AfterLegs.GcHeap - BeforeLegs.GcHeap) / 1024.0 / Legs;
}
