using System.Diagnostics.Metrics;
using Relay.Media.Diagnostics;

namespace Relay.Media.Transport;

/// <summary>
/// The ICE-TCP listener's counters: plain interlocked fields, read by tests and exported through
/// a <see cref="System.Diagnostics.Metrics.Meter"/> of the relay's meter name (so /metrics shows them beside the packet
/// counters). One instance per listener; any thread.
/// </summary>
public sealed class IceTcpCounters : IDisposable
{
    private readonly long[] _closed = new long[Enum.GetValues<TcpCloseReason>().Length];
    private readonly long[] _rejected = new long[Enum.GetValues<TcpRejectReason>().Length];
    private readonly Meter _meter;
    private long _accepted;
    private long _frames;
    private long _sendQueueDrops;
    private long _handlerFaults;

    public IceTcpCounters()
    {
        _meter = new Meter(MediaCounters.MeterName);
        _meter.CreateObservableCounter("mediarelay.tcp.connections.accepted", () => Accepted, description: "ICE-TCP connections accepted");
        _meter.CreateObservableCounter("mediarelay.tcp.connections.rejected", ObserveRejected, description: "ICE-TCP connections closed at accept, by the limit reached");
        _meter.CreateObservableCounter("mediarelay.tcp.connections.closed", ObserveClosed, description: "ICE-TCP connections closed, by reason");
        _meter.CreateObservableCounter("mediarelay.tcp.frames.received", () => FramesReceived, description: "RFC 4571 frames received");
        _meter.CreateObservableCounter("mediarelay.tcp.send_queue.drops", () => SendQueueDrops, description: "Packets not sent because a connection's send queue was full");
    }

    /// <summary>This listener's meter: an exporter picks its instruments out by it.</summary>
    public Meter Meter => _meter;

    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Connections closed at accept, for any reason.</summary>
    public long Rejected
    {
        get
        {
            long total = 0;
            for (var i = 0; i < _rejected.Length; i++)
            {
                total += Interlocked.Read(ref _rejected[i]);
            }

            return total;
        }
    }

    public long FramesReceived => Interlocked.Read(ref _frames);

    public long SendQueueDrops => Interlocked.Read(ref _sendQueueDrops);

    /// <summary>Frames whose handling threw (a bug: the connection survives it); should stay 0.</summary>
    public long HandlerFaults => Interlocked.Read(ref _handlerFaults);

    public long Closed(TcpCloseReason reason) => Interlocked.Read(ref _closed[(int)reason]);

    public long Rejections(TcpRejectReason reason) => Interlocked.Read(ref _rejected[(int)reason]);

    internal void OnAccepted() => Interlocked.Increment(ref _accepted);

    internal void OnRejected(TcpRejectReason reason) => Interlocked.Increment(ref _rejected[(int)reason]);

    internal void OnFrame() => Interlocked.Increment(ref _frames);

    internal void OnSendQueueFull() => Interlocked.Increment(ref _sendQueueDrops);

    internal void OnHandlerFault() => Interlocked.Increment(ref _handlerFaults);

    internal void OnClosed(TcpCloseReason reason) => Interlocked.Increment(ref _closed[(int)reason]);

    private IEnumerable<Measurement<long>> ObserveClosed()
    {
        foreach (var reason in Enum.GetValues<TcpCloseReason>())
        {
            yield return new Measurement<long>(Closed(reason), new KeyValuePair<string, object?>("reason", reason.ToString()));
        }
    }

    private IEnumerable<Measurement<long>> ObserveRejected()
    {
        foreach (var reason in Enum.GetValues<TcpRejectReason>())
        {
            yield return new Measurement<long>(Rejections(reason), new KeyValuePair<string, object?>("reason", reason.ToString()));
        }
    }

    public void Dispose() => _meter.Dispose();
}
