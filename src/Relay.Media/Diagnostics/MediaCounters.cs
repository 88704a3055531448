using System.Diagnostics.Metrics;

namespace Relay.Media.Diagnostics;

/// <summary>
/// The relay's packet counters: plain interlocked fields on the packet path, exported through a
/// <see cref="Meter"/> (which prometheus-net publishes on /metrics) and read directly by tests.
/// One instance per relay.
/// </summary>
public sealed partial class MediaCounters : IDisposable
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
    private long _transportFeedbackSent;
    private long _transportFeedbackReceived;
    private long _rembSent;
    private long _recordingOverflows;

    public MediaCounters()
    {
        // Names are Prometheus-ready once dots become underscores, with the unit and "_total"
        // that the web app's exporter appends to counters (mediarelay_packets_received_total).
        _meter = new Meter(MeterName);
        _meter.CreateObservableCounter("mediarelay.packets.received", () => PacketsReceived, description: "Datagrams received on the media port");
        _meter.CreateObservableCounter("mediarelay.packets.forwarded", () => PacketsForwarded, description: "RTP and RTCP packets sent on to another leg");
        _meter.CreateObservableCounter("mediarelay.forwarded", () => BytesForwarded, unit: "By", description: "Bytes of RTP and RTCP sent on to another leg");
        _meter.CreateObservableCounter("mediarelay.dtls.failures", () => DtlsFailures, description: "Legs whose DTLS handshake failed");
        _meter.CreateObservableCounter("mediarelay.legs.failed", () => LegsFailed, description: "Legs that failed (ICE, DTLS or consent)");
        _meter.CreateObservableCounter("mediarelay.packets.dropped", ObserveDrops, description: "Datagrams dropped, by reason");
        _meter.CreateObservableCounter("mediarelay.security.drops", ObserveSecurityDrops, description: "Drops that suggest an attack (also counted in packets dropped), by reason");
        _meter.CreateObservableCounter("mediarelay.transport_cc.feedback.sent", () => TransportFeedbackSent, description: "Transport-cc feedback packets sent to sending browsers");
        _meter.CreateObservableCounter("mediarelay.transport_cc.feedback.received", () => TransportFeedbackReceived, description: "Transport-cc feedback packets from receiving browsers about the relay's packets");
        _meter.CreateObservableCounter("mediarelay.remb.sent", () => RembSent, description: "REMB bitrate caps sent to sending browsers");
        _meter.CreateObservableCounter("mediarelay.recording.queue_overflows", () => RecordingQueueOverflows, description: "Packets a recording dropped because its writer was a whole queue behind");
        CreateRecoveryInstruments();
        CreateQualityInstruments();
    }

    /// <summary>The meter of this relay alone: an exporter picks this instance's instruments out by it.</summary>
    public Meter Meter => _meter;

    public long PacketsReceived => Interlocked.Read(ref _packetsReceived);

    public long PacketsForwarded => Interlocked.Read(ref _packetsForwarded);

    public long BytesForwarded => Interlocked.Read(ref _bytesForwarded);

    public long FingerprintMismatches => Interlocked.Read(ref _fingerprintMismatches);

    public long DtlsFailures => Interlocked.Read(ref _dtlsFailures);

    public long LegsFailed => Interlocked.Read(ref _legsFailed);

    public long TransportFeedbackSent => Interlocked.Read(ref _transportFeedbackSent);

    public long TransportFeedbackReceived => Interlocked.Read(ref _transportFeedbackReceived);

    public long RembSent => Interlocked.Read(ref _rembSent);
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

    internal void TransportFeedbackWasSent() => Interlocked.Increment(ref _transportFeedbackSent);

    internal void TransportFeedbackWasReceived() => Interlocked.Increment(ref _transportFeedbackReceived);

    internal void RembWasSent() => Interlocked.Increment(ref _rembSent);
    internal void RecordingOverflow() => Interlocked.Increment(ref _recordingOverflows);

    private IEnumerable<Measurement<long>> ObserveDrops()
    {
        foreach (var reason in Enum.GetValues<DropReason>())
        {
            yield return new Measurement<long>(Dropped(reason), new KeyValuePair<string, object?>("reason", DropReasonLabels.Of(reason)));
        }
    }

    private IEnumerable<Measurement<long>> ObserveSecurityDrops()
    {
        foreach (var reason in Enum.GetValues<DropReason>())
        {
            if (DropReasonLabels.IsSecurity(reason))
            {
                yield return new Measurement<long>(Dropped(reason), new KeyValuePair<string, object?>("reason", DropReasonLabels.Of(reason)));
            }
        }

        yield return new Measurement<long>(FingerprintMismatches, new KeyValuePair<string, object?>("reason", DropReasonLabels.FingerprintMismatch));
    }

    public void Dispose() => _meter.Dispose();
}
