using System.Diagnostics.Metrics;

namespace Relay.Media.Diagnostics;

/// <summary>
/// The relay's packet counters: plain interlocked fields on the packet path, exported through a
/// <see cref="Meter"/> (which prometheus-net publishes on /metrics) and read directly by tests.
/// One instance per relay.
/// </summary>
public sealed class MediaCounters : IDisposable
{
    public const string MeterName = "MediaRelay.Media";

    private readonly long[] _drops = new long[Enum.GetValues<DropReason>().Length];
    private readonly Meter _meter;
    private long _packetsReceived;
    private long _packetsForwarded;
    private long _bytesForwarded;
    private long _fingerprintMismatches;
    private long _dtlsFailures;
    private long _legsFailed;
    private long _recordingOverflows;

    public MediaCounters()
    {
        _meter = new Meter(MeterName);
        _meter.CreateObservableCounter("relay_media_packets_received", () => PacketsReceived, description: "Datagrams received on the media port");
        _meter.CreateObservableCounter("relay_media_packets_forwarded", () => PacketsForwarded, description: "RTP and RTCP packets sent on to another leg");
        _meter.CreateObservableCounter("relay_media_bytes_forwarded", () => BytesForwarded, unit: "By");
        _meter.CreateObservableCounter("relay_media_dtls_fingerprint_mismatches", () => FingerprintMismatches);
        _meter.CreateObservableCounter("relay_media_dtls_failures", () => DtlsFailures);
        _meter.CreateObservableCounter("relay_media_legs_failed", () => LegsFailed);
        _meter.CreateObservableCounter("relay_media_recording_queue_overflows", () => RecordingQueueOverflows, description: "Packets a recording dropped because its writer was a whole queue behind");
        _meter.CreateObservableCounter("relay_media_packets_dropped", ObserveDrops, description: "Datagrams dropped, by reason");
    }

    public long PacketsReceived => Interlocked.Read(ref _packetsReceived);

    public long PacketsForwarded => Interlocked.Read(ref _packetsForwarded);

    public long BytesForwarded => Interlocked.Read(ref _bytesForwarded);

    public long FingerprintMismatches => Interlocked.Read(ref _fingerprintMismatches);

    public long DtlsFailures => Interlocked.Read(ref _dtlsFailures);

    public long LegsFailed => Interlocked.Read(ref _legsFailed);

    /// <summary>Packets recordings dropped because their queue was full (forwarding went on).</summary>
    public long RecordingQueueOverflows => Interlocked.Read(ref _recordingOverflows);

    public long Dropped(DropReason reason) => Interlocked.Read(ref _drops[(int)reason]);

    internal void Received() => Interlocked.Increment(ref _packetsReceived);

    internal void Drop(DropReason reason) => Interlocked.Increment(ref _drops[(int)reason]);

    internal void Forwarded(int bytes)
    {
        Interlocked.Increment(ref _packetsForwarded);
        Interlocked.Add(ref _bytesForwarded, bytes);
    }

    internal void FingerprintMismatch() => Interlocked.Increment(ref _fingerprintMismatches);

    internal void DtlsFailed() => Interlocked.Increment(ref _dtlsFailures);

    internal void LegFailed() => Interlocked.Increment(ref _legsFailed);

    internal void RecordingOverflow() => Interlocked.Increment(ref _recordingOverflows);

    private IEnumerable<Measurement<long>> ObserveDrops()
    {
        foreach (var reason in Enum.GetValues<DropReason>())
        {
            yield return new Measurement<long>(Dropped(reason), new KeyValuePair<string, object?>("reason", reason.ToString()));
        }
    }

    public void Dispose() => _meter.Dispose();
}
