using System.Buffers.Binary;
using System.Diagnostics;
using Relay.Media.Congestion;
using Relay.Media.Rtcp;
using Relay.Media.Rtp;

namespace Relay.Media.Client;

/// <summary>Transport-cc feedback the relay sent us about our packets; raised on the receive loop.</summary>
public delegate void TransportFeedbackHandler(in TransportCcPacket feedback);

/// <summary>A REMB the relay sent us: the most it wants our streams to send, in bits per second.</summary>
public sealed record ReceivedRemb(uint SenderSsrc, ulong Bitrate, IReadOnlyList<uint> Ssrcs);

// Bandwidth feedback like a browser's (draft-holmer-rmcat-transport-wide-cc-extensions-01): our
// packets carry transport-wide sequence numbers when the answer kept the extension; the relay's
// transport-cc feedback and REMBs are read; as a receiver we report the relay's packets back.
public sealed partial class ClientPeer
{
    /// <summary>One-byte header element (RFC 8285 §4.2): id/length byte, two data bytes, one byte of padding.</summary>
    private const int TransportSequenceElementSize = 4;

    /// <summary>As often as the relay reports to browsers.</summary>
    private const long FeedbackIntervalMicroseconds = 50_000;

    private const int MaxFeedbackSize = 1200;

    private readonly long _clockOrigin = Stopwatch.GetTimestamp();
    private readonly TransportCcRecorder _arrivals = new();
    private ushort _transportSequence = 1;
    private long _transportSequencesUsed;
    private long _lastFeedbackAt = long.MinValue / 2;
    private long _transportFeedbackSent;
    private long _transportFeedbackReceived;
    private long _rembsReceived;
    private int _receiveLossEvery;
    private long _authenticatedRtp;
    private long _discardedRtp;
    private ReceivedRemb? _lastRemb;

    /// <summary>Each transport-cc feedback packet from the relay, on the receive loop.</summary>
    public event TransportFeedbackHandler? TransportFeedbackReceived;

    /// <summary>Whether we report the relay's packets with transport-cc feedback, as a browser does (default on).</summary>
    public bool SendsTransportFeedback { get; set; } = true;

    /// <summary>
    /// Simulated loss on our downlink: when N &gt; 0, every Nth authenticated RTP packet from the
    /// relay is discarded as if it had never arrived (not delivered, not in our feedback). 0: none.
    /// </summary>
    public int ReceiveLossEvery
    {
        get => Volatile.Read(ref _receiveLossEvery);
        set => Volatile.Write(ref _receiveLossEvery, value);
    }

    /// <summary>RTP packets <see cref="ReceiveLossEvery"/> discarded.</summary>
    public long DiscardedPackets => Interlocked.Read(ref _discardedRtp);

    /// <summary>The first transport-wide sequence number we use (Chromium's first, too).</summary>
    public static ushort FirstTransportSequence => 1;

    /// <summary>Transport-wide sequence numbers put on our packets so far.</summary>
    public long TransportSequencesUsed => Interlocked.Read(ref _transportSequencesUsed);

    public long TransportFeedbackSent => Interlocked.Read(ref _transportFeedbackSent);

    public long TransportFeedbackPacketsReceived => Interlocked.Read(ref _transportFeedbackReceived);

    public long RembsReceived => Interlocked.Read(ref _rembsReceived);

    /// <summary>The latest REMB from the relay, if any.</summary>
    public ReceivedRemb? LastRemb => Volatile.Read(ref _lastRemb);

    private long ClockMicroseconds => Stopwatch.GetElapsedTime(_clockOrigin).Ticks / TimeSpan.TicksPerMicrosecond;

    /// <summary>Writes the next transport-wide sequence number as a one-byte element; false when the answer dropped the extension. Under the send lock.</summary>
    private bool TryWriteTransportSequence(Span<byte> element)
    {
        if (Answer?.TransportWideCcExtensionId is not { } id || id > 14)
        {
            return false;
        }

        element[0] = (byte)((id << 4) | (TransportWideSequence.Length - 1));
        BinaryPrimitives.WriteUInt16BigEndian(element[1..], _transportSequence++);
        element[3] = 0;
        Interlocked.Increment(ref _transportSequencesUsed);
        return true;
    }

    /// <summary>
    /// Records an authenticated packet from the relay for our feedback, and sends feedback when
    /// due; false when <see cref="ReceiveLossEvery"/> discards it. Receive loop.
    /// </summary>
    private bool OnTransportArrival(ReadOnlySpan<byte> packet)
    {
        var every = ReceiveLossEvery;
        if (every > 0 && ++_authenticatedRtp % every == 0)
        {
            Interlocked.Increment(ref _discardedRtp);
            return false;
        }

        var offset = TransportWideSequence.FindOffset(packet, Answer?.TransportWideCcExtensionId);
        if (offset < 0 || !SendsTransportFeedback)
        {
            return true;
        }

        var now = ClockMicroseconds;
        _arrivals.Record(TransportWideSequence.Read(packet, offset), now);
        if (now - _lastFeedbackAt >= FeedbackIntervalMicroseconds)
        {
            _lastFeedbackAt = now;
            var mediaSsrc = BinaryPrimitives.ReadUInt32BigEndian(packet[RtpPacket.SsrcOffset..]);
            Span<byte> buffer = stackalloc byte[MaxFeedbackSize];
            while (_arrivals.TryWriteFeedback(VideoSsrc, mediaSsrc, buffer, out var written))
            {
                if (SendRtcp(buffer[..written]))
                {
                    Interlocked.Increment(ref _transportFeedbackSent);
                }
            }
        }

        return true;
    }

    private void ReadBandwidthFeedback(in RtcpHeader current)
    {
        if (current.PacketType == RtcpPacketType.TransportFeedback && current.Count == RtcpFeedbackFormat.TransportCc
            && TransportCcPacket.TryParse(current.Packet, out var feedback))
        {
            Interlocked.Increment(ref _transportFeedbackReceived);
            TransportFeedbackReceived?.Invoke(feedback);
        }
        else if (current.PacketType == RtcpPacketType.PayloadFeedback && current.Count == RtcpFeedbackFormat.ApplicationLayer
            && RembPacket.TryParse(current.Packet, out var remb))
        {
            var ssrcs = new uint[remb.SsrcCount];
            for (var i = 0; i < ssrcs.Length; i++)
            {
                ssrcs[i] = remb.GetSsrc(i);
            }

            // One small object per REMB (about one a second), not per media packet.
            Volatile.Write(ref _lastRemb, new ReceivedRemb(remb.SenderSsrc, remb.Bitrate, ssrcs));
            Interlocked.Increment(ref _rembsReceived);
        }
    }
}
