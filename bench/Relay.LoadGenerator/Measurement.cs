using System.Diagnostics;

namespace Relay.LoadGenerator;

/// <summary>
/// The measurement window, as a span of send timestamps: a packet counts as sent, received,
/// lost and for latency when its send timestamp falls inside it, wherever it is when the window
/// closes (so the window edges are not loss). Set once by the main thread, read by everyone.
/// </summary>
internal sealed class Measurement
{
    private long _start = long.MaxValue;
    private long _end = long.MaxValue;

    public LatencyHistogram Latency { get; } = new();

    public void Open() => Volatile.Write(ref _start, Stopwatch.GetTimestamp());

    public void Close() => Volatile.Write(ref _end, Stopwatch.GetTimestamp());

    public bool Contains(long timestamp) => timestamp >= Volatile.Read(ref _start) && timestamp < Volatile.Read(ref _end);
}
