using System.Globalization;

namespace Relay.LoadGenerator;

/// <summary>A one-line summary (for grepping logs) and a small table (for the README).</summary>
internal static class Report
{
    public static void Print(Options options, RunResult r, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c,
            $"calls={r.Calls} legs={r.Legs} pin={options.PinCore?.ToString(c) ?? "none"} nice={options.HostNice?.ToString(c) ?? "0"} batchUs={options.RelayBatchMicroseconds?.ToString(c) ?? "default"} recorded={(options.RecordDirectory is null ? "no" : "yes")} transport={options.Transport.ToString().ToLowerInvariant()} window={r.Window.TotalSeconds:F1}s sent={r.Sent} received={r.Received} lost={r.Lost} ({r.LossPercent:F3}%) " +
            $"p50={r.LatencyP50 / 1000:F2}ms p99={r.LatencyP99 / 1000:F2}ms max={r.LatencyMax / 1000:F2}ms relayCpu={r.RelayCpuMicrosecondsPerPacket:F2}us/pkt relayCores={r.RelayCores:F2} " +
            $"alloc={r.AllocatedBytesPerPacket:F3}B/pkt ws/leg={r.WorkingSetPerLegKiB:F0}KiB heap/leg={r.GcHeapPerLegKiB:F1}KiB relayWait={r.RelayRunQueueWaitMsPerSecond:F0}ms/s skipped={r.SenderSkipped} others={r.OtherCores:F2}cores rcvbufErrors={r.UdpReceiveBufferErrors}"));
        output.WriteLine();
        output.WriteLine("| figure | value |");
        output.WriteLine("|---|---:|");
        Row(output, "calls / legs", string.Create(c, $"{r.Calls} / {r.Legs}"));
        Row(output, "set-up time (ICE + DTLS, all legs)", string.Create(c, $"{r.SetupTime.TotalSeconds:F1} s"));
        Row(output, "window", string.Create(c, $"{r.Window.TotalSeconds:F1} s"));
        Row(output, "packets sent (video / audio)", string.Create(c, $"{r.Sent:N0} ({r.SentVideo:N0} / {r.SentAudio:N0})"));
        Row(output, "packets received", string.Create(c, $"{r.Received:N0}"));
        Row(output, "lost", string.Create(c, $"{r.Lost:N0} ({r.LossPercent:F3} %)"));
        Row(output, "counter gaps / out of order (per stream)", string.Create(c, $"{r.CounterGaps:N0} / {r.OutOfOrder:N0}"));
        Row(output, "relay forwarded (its counter)", string.Create(c, $"{r.Forwarded:N0} ({r.Forwarded / r.Window.TotalSeconds:N0}/s)"));
        Row(output, "relay dropped / handler faults", string.Create(c, $"{r.After.Dropped - r.Before.Dropped:N0} / {r.HandlerFaults:N0}"));
        Row(output, "one-way latency p50 / p99 / p99.9 / max", string.Create(c, $"{r.LatencyP50 / 1000:F2} / {r.LatencyP99 / 1000:F2} / {r.LatencyP999 / 1000:F2} / {r.LatencyMax / 1000:F2} ms"));
        if (options.RecordDirectory is not null)
        {
            var recorded = r.After.RecordedBytes - r.Before.RecordedBytes;
            Row(output, "recorded (every leg) / per leg-minute", string.Create(c, $"{recorded:N0} B / {recorded / (double)r.Legs / r.Window.TotalMinutes:N0} B"));
            Row(output, "recording queue overflows in window", string.Create(c, $"{r.After.RecordingOverflows - r.Before.RecordingOverflows:N0}"));
        }

        Row(output, "relay CPU per forwarded packet", string.Create(c, $"{r.RelayCpuMicrosecondsPerPacket:F2} µs"));
        Row(output, "relay CPU use (user share)", string.Create(c, $"{r.RelayCores:F2} cores ({r.RelayUserShare:P0} user)"));
        Row(output, "relay waiting for a CPU while runnable", string.Create(c, $"{r.RelayRunQueueWaitMsPerSecond:F0} ms per s"));
        Row(output, "relay context switches per forwarded packet", string.Create(c, $"{r.RelayContextSwitchesPerPacket:F2}"));
        Row(output, "relay allocated per forwarded packet", string.Create(c, $"{r.AllocatedBytesPerPacket:F3} B ({r.After.Allocated - r.Before.Allocated:N0} B in the window)"));
        Row(output, "relay GCs in window (gen0/1/2)", string.Create(c, $"{r.After.Gen0 - r.Before.Gen0}/{r.After.Gen1 - r.Before.Gen1}/{r.After.Gen2 - r.Before.Gen2}"));
        Row(output, "relay memory per leg (working set / GC heap)", string.Create(c, $"{r.WorkingSetPerLegKiB:F0} KiB / {r.GcHeapPerLegKiB:F1} KiB"));
        Row(output, "client SRTP failures / receive faults", string.Create(c, $"{r.ClientSrtpFailures} / {r.ClientReceiveFaults}"));
        Row(output, "generator CPU use / allocated / GCs (gen0/1/2)", string.Create(c, $"{r.GeneratorCpu.Ticks / (double)r.Window.Ticks:F2} cores / {r.GeneratorAllocated:N0} B / {r.GeneratorCollections}"));
        Row(output, "machine busy / of which neither relay nor generator", string.Create(c, $"{r.MachineBusyCores:F2} / {r.OtherCores:F2} cores"));
        Row(output, "UDP receive-buffer overflows (machine-wide)", string.Create(c, $"{r.UdpReceiveBufferErrors:N0}"));
        Row(output, "sender max lateness / frames and audio packets skipped", string.Create(c, $"{r.SenderMaxLateMs:F1} ms / {r.SenderSkipped:N0}"));
    }

    private static void Row(TextWriter output, string name, string value) => output.WriteLine($"| {name} | {value} |");
}
