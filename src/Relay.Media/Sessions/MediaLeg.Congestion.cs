using System.Diagnostics;
using Relay.Media.Congestion;
using Relay.Media.Rtcp;
using Relay.Media.Rtp;

namespace Relay.Media.Sessions;

// Bandwidth feedback (transport-wide congestion control,
// draft-holmer-rmcat-transport-wide-cc-extensions-01). As the receiver of the browser's packets,
// the relay reports when each arrived, so the browser's send-side estimator follows its path to
// the relay. As a sender, the relay numbers its own packets to the browser, reads the browser's
// feedback about them, and keeps a loss-based cap of what this browser can take; the router
// turns the caps of a sender's receivers into a REMB for that sender.
public sealed partial class MediaLeg
{
    /// <summary>
    /// Chromium's own receivers report every 50–250 ms depending on the rate; the short end keeps
    /// the sender's ramp-up quick for a few dozen bytes every 50 ms.
    /// </summary>
    private const long FeedbackIntervalMicroseconds = 50_000;

    /// <summary>Largest feedback packet: with IP, UDP and SRTCP overhead well inside a 1,500-byte MTU.</summary>
    private const int MaxFeedbackSize = 1200;

    /// <summary>A sender hears its cap about once a second (draft-alvestrand-rmcat-remb-03 §2 leaves the rate to us)...</summary>
    private const long RembIntervalMilliseconds = 1000;

    /// <summary>...or at once when it falls below this share of the last cap sent.</summary>
    private const double SharpDecrease = 0.85;

    /// <summary>SSRCs a REMB names; a browser sends at most a few video streams (simulcast layers).</summary>
    private const int MaxRembSsrcs = 8;

    private readonly long _transportClockOrigin = Stopwatch.GetTimestamp();
    private readonly LossBasedBitrateEstimator _estimator = new();
    private TransportCcRecorder? _arrivals;
    private TransportCcSendHistory? _sent;
    private long _lastFeedbackAt = long.MinValue / 2;
    private long _bitrateCap;
    private int _bitrateCapChanged;
    private long _lastRembAt = long.MinValue / 2;
    private long _lastRembBitrate;
    private long _rembsSent;
    private long _transportFeedbackSent;

    /// <summary>What this browser can take, in bits per second, from its feedback on our packets; 0 before the first estimate.</summary>
    public long BitrateCap => Interlocked.Read(ref _bitrateCap);

    /// <summary>The bitrate of the last REMB sent to this browser; 0 before the first.</summary>
    public long LastRembBitrate => Interlocked.Read(ref _lastRembBitrate);

    public long RembsSent => Interlocked.Read(ref _rembsSent);

    /// <summary>Transport-cc feedback packets sent to this browser about its packets.</summary>
    public long TransportFeedbackSent => Interlocked.Read(ref _transportFeedbackSent);

    private long TransportClockMicroseconds => Stopwatch.GetElapsedTime(_transportClockOrigin).Ticks / TimeSpan.TicksPerMicrosecond;

    private long TransportClockMilliseconds => Stopwatch.GetElapsedTime(_transportClockOrigin).Ticks / TimeSpan.TicksPerMillisecond;

    /// <summary>
    /// Records the transport-wide sequence number of an authenticated packet from the browser
    /// (any of its streams, retransmissions and padding-only probes included: the browser's
    /// estimator counts every packet it numbered), and sends feedback when it is due. Under the lock.
    /// </summary>
    private void OnTransportArrival(MediaKind kind, ReadOnlySpan<byte> packet)
    {
        var media = kind == MediaKind.Audio ? Audio : Video;
        var offset = TransportWideSequence.FindOffset(packet, media?.TransportWideCcExtensionId);
        if (offset < 0)
        {
            return;
        }

        var now = TransportClockMicroseconds;
        _arrivals ??= new TransportCcRecorder();
        _arrivals.Record(TransportWideSequence.Read(packet, offset), now);
        if (now - _lastFeedbackAt < FeedbackIntervalMicroseconds)
        {
            return;
        }

        _lastFeedbackAt = now;
        // The media SSRC of transport-wide feedback names no stream in particular (§3.1 covers
        // the whole transport); like Chromium, we name the stream the last packet belonged to.
        var mediaSsrc = ReadSsrc(packet, RtpPacket.SsrcOffset);
        Span<byte> buffer = stackalloc byte[MaxFeedbackSize];
        while (_arrivals.TryWriteFeedback(RtcpSenderSsrc, mediaSsrc, buffer, out var written))
        {
            if (SendRtcp(buffer[..written]))
            {
                Interlocked.Increment(ref _transportFeedbackSent);
                _relay.Counters.TransportFeedbackWasSent();
            }
        }
    }

    /// <summary>
    /// Numbers a packet we are about to send this browser: our own transport-wide sequence
    /// replaces the sender's value in place at <paramref name="offset"/> (from
    /// <see cref="TransportWideSequence.FindOffset"/> on the sender's packet; -1 for none).
    /// Its size and send time are kept for the browser's feedback. Under the lock.
    /// </summary>
    internal void StampTransportSequence(MediaKind kind, Span<byte> packet, int offset)
    {
        var media = kind == MediaKind.Audio ? Audio : Video;
        if (offset < 0 || media?.TransportWideCcExtensionId is not { } id)
        {
            return;
        }

        _sent ??= new TransportCcSendHistory();
        TransportWideSequence.Rewrite(packet, offset, _sent.Add(packet.Length, TransportClockMilliseconds), id);
    }

    /// <summary>Reads the browser's transport-cc feedback about our packets into the estimator. Under the lock.</summary>
    private void NoteTransportFeedback(ReadOnlySpan<byte> compound)
    {
        var reader = new RtcpCompoundReader(compound);
        while (reader.MoveNext())
        {
            if (reader.Current.PacketType != RtcpPacketType.TransportFeedback
                || reader.Current.Count != RtcpFeedbackFormat.TransportCc
                || !TransportCcPacket.TryParse(reader.Current.Packet, out var feedback))
            {
                continue;
            }

            _relay.Counters.TransportFeedbackWasReceived();
            if (_sent is null)
            {
                continue;
            }

            var tally = default(FeedbackTally);
            _sent.Apply(feedback, ref tally);
            if (_estimator.Add(tally, TransportClockMilliseconds))
            {
                Interlocked.Exchange(ref _bitrateCap, _estimator.Bitrate);
                Interlocked.Exchange(ref _bitrateCapChanged, 1);
            }
        }
    }

    /// <summary>True once after each change of <see cref="BitrateCap"/>: the router then recomputes the senders' caps.</summary>
    internal bool TakeBitrateCapChange() => Interlocked.Exchange(ref _bitrateCapChanged, 0) == 1;

    /// <summary>
    /// Caps this browser's sending at <paramref name="bitrate"/> with a REMB for its video
    /// streams (draft-alvestrand-rmcat-remb-03): about once a second, or at once after a sharp
    /// decrease. While no receiver has shown a limit (<see cref="LossBasedBitrateEstimator.MaxBitrate"/>)
    /// nothing is sent: a browser without transport-cc feedback takes a REMB as its estimate, so a
    /// REMB must not claim more than is known. Once limited, the browser keeps the last REMB, so
    /// it hears the cap until it is back at the maximum. Any thread; takes only this leg's lock.
    /// </summary>
    internal void CapSendBitrate(long bitrate)
    {
        var now = TransportClockMilliseconds;
        Span<uint> ssrcs = stackalloc uint[MaxRembSsrcs];
        Span<byte> buffer = stackalloc byte[RembPacket.SsrcsOffset + (MaxRembSsrcs * RembPacket.SsrcSize)];
        lock (_gate)
        {
            var unlimited = bitrate >= LossBasedBitrateEstimator.MaxBitrate;
            if (State != LegState.Connected
                || (unlimited && (_lastRembBitrate == 0 || _lastRembBitrate >= LossBasedBitrateEstimator.MaxBitrate))
                || (now - _lastRembAt < RembIntervalMilliseconds && bitrate >= _lastRembBitrate * SharpDecrease))
            {
                return;
            }

            var count = 0;
            foreach (var source in _inbound.Values)
            {
                if (source.Kind == MediaKind.Video && !source.IsRetransmission && count < ssrcs.Length)
                {
                    ssrcs[count++] = source.Ssrc;
                }
            }

            if (count == 0
                || !new RembWriter(RtcpSenderSsrc, (ulong)bitrate, ssrcs[..count]).TryWriteTo(buffer, out var written)
                || !SendRtcp(buffer[..written]))
            {
                return;
            }

            _lastRembAt = now;
            Interlocked.Exchange(ref _lastRembBitrate, bitrate);
            Interlocked.Increment(ref _rembsSent);
            _relay.Counters.RembWasSent();
        }
    }
}
