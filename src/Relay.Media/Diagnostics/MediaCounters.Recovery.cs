using System.Diagnostics.Metrics;

namespace Relay.Media.Diagnostics;

// Loss recovery (RFC 4585 NACK, RFC 4588 RTX): what receivers asked of the relay, what the relay
// asked of senders, and what was resent.
public sealed partial class MediaCounters
{
    private long _nacksReceived;
    private long _nacksSent;
    private long _nacksForwarded;
    private long _rtxRetransmissionsSent;
    private long _plainRetransmissionsSent;
    private long _cacheMisses;
    private long _rtxReceived;
    private long _rtxDiscarded;
    private long _lossAbandoned;

    /// <summary>Generic NACKs from receivers about a track the relay sends them.</summary>
    public long NacksReceived => Interlocked.Read(ref _nacksReceived);

    /// <summary>NACKs the relay sent a sender about gaps in what it received.</summary>
    public long NacksSent => Interlocked.Read(ref _nacksSent);

    /// <summary>NACKs passed on to a sender for packets the relay's cache did not hold.</summary>
    public long NacksForwarded => Interlocked.Read(ref _nacksForwarded);

    /// <summary>Packets the relay resent from its cache as RTX (RFC 4588).</summary>
    public long RtxRetransmissionsSent => Interlocked.Read(ref _rtxRetransmissionsSent);

    /// <summary>Packets the relay resent from its cache as they were first sent (no RTX negotiated).</summary>
    public long PlainRetransmissionsSent => Interlocked.Read(ref _plainRetransmissionsSent);

    public long RetransmissionsSent => RtxRetransmissionsSent + PlainRetransmissionsSent;

    /// <summary>NACKed sequence numbers the cache did not hold (never seen, overwritten or too old).</summary>
    public long CacheMisses => Interlocked.Read(ref _cacheMisses);

    /// <summary>Authenticated RTX packets from senders.</summary>
    public long RtxReceived => Interlocked.Read(ref _rtxReceived);

    /// <summary>RTX packets not forwarded: the original had already been (a late original, redundant RTX), a probe without payload, or unplaceable.</summary>
    public long RtxDiscarded => Interlocked.Read(ref _rtxDiscarded);

    /// <summary>Gaps in senders' streams the relay stopped asking for.</summary>
    public long LossAbandoned => Interlocked.Read(ref _lossAbandoned);

    internal void NackReceived() => Interlocked.Increment(ref _nacksReceived);

    internal void NackSent() => Interlocked.Increment(ref _nacksSent);

    internal void NackForwarded() => Interlocked.Increment(ref _nacksForwarded);

    internal void RetransmissionSent(bool rtx) =>
        Interlocked.Increment(ref rtx ? ref _rtxRetransmissionsSent : ref _plainRetransmissionsSent);

    internal void CacheMissed(int sequences) => Interlocked.Add(ref _cacheMisses, sequences);

    internal void RtxPacketReceived() => Interlocked.Increment(ref _rtxReceived);

    internal void RtxPacketDiscarded() => Interlocked.Increment(ref _rtxDiscarded);

    internal void LossGivenUp(long sequences) => Interlocked.Add(ref _lossAbandoned, sequences);

    private void CreateRecoveryInstruments()
    {
        _meter.CreateObservableCounter("mediarelay.nacks.received", () => NacksReceived, description: "Generic NACKs from receivers about the relay's tracks");
        _meter.CreateObservableCounter("mediarelay.nacks.sent", () => NacksSent, description: "NACKs the relay sent senders for gaps in their streams");
        _meter.CreateObservableCounter("mediarelay.nacks.forwarded", () => NacksForwarded, description: "Receivers' NACKs the cache could not serve, passed to the sender");
        _meter.CreateObservableCounter("mediarelay.retransmissions.sent", ObserveRetransmissions, description: "Packets resent from the relay's cache, by kind (rtx, plain)");
        _meter.CreateObservableCounter("mediarelay.retransmission.cache_misses", () => CacheMisses, description: "NACKed sequence numbers the cache did not hold");
        _meter.CreateObservableCounter("mediarelay.rtx.received", () => RtxReceived, description: "RTX packets received from senders");
        _meter.CreateObservableCounter("mediarelay.rtx.discarded", () => RtxDiscarded, description: "RTX packets not forwarded: duplicates, probes, stale");
        _meter.CreateObservableCounter("mediarelay.loss.abandoned", () => LossAbandoned, description: "Lost packets of senders the relay stopped asking for");
    }

    private IEnumerable<Measurement<long>> ObserveRetransmissions()
    {
        yield return new Measurement<long>(RtxRetransmissionsSent, new KeyValuePair<string, object?>("kind", "rtx"));
        yield return new Measurement<long>(PlainRetransmissionsSent, new KeyValuePair<string, object?>("kind", "plain"));
    }
}
