using Relay.Media.Rtcp;

namespace Relay.Media.Recovery;

/// <summary>
/// Answers a receiver's Generic NACK (RFC 4585 §6.2.1) for one outbound track: each lost
/// sequence still in the <see cref="RetransmissionCache"/> is resent by the relay, as RTX when
/// the track has an <see cref="RtxTrack"/> with a type for the packet's payload type (RFC 4588),
/// otherwise as the original packet; the rest are mapped back to the source's numbering for the
/// leg to NACK to the sender. Used only under its leg's lock; allocates nothing per NACK.
/// </summary>
/// <remarks>
/// Rate limit: a packet already resent less than <c>minResendInterval</c> ago is skipped, not
/// forwarded. A receiver re-NACKs a packet it still misses about once per round trip (libwebrtc's
/// NackRequester), and NACKs arriving faster than that are repeats of a request whose answer is
/// still in flight; a second copy would only add load to the path that just lost a packet. Until
/// the leg measures RTT, 100 ms (a typical WebRTC round trip) is a fair choice. Misses are
/// forwarded every time: the sender's own history applies the same RTT-based limit (libwebrtc
/// RtpPacketHistory), and it alone knows whether its earlier answer was sent.
/// </remarks>
public sealed class NackResponder
{
    private readonly RetransmissionCache _cache;
    private readonly RtxTrack? _rtx;
    private readonly Func<ushort, ushort> _toSourceSequence;
    private readonly TimeSpan _minResendInterval;
    private readonly byte[] _rtxBuffer = new byte[RetransmissionCache.SlotLength + RtxPacketBuilder.OriginalSequenceLength];

    /// <param name="cache">The track's cache of sent packets.</param>
    /// <param name="rtx">The track's RTX stream, or null when the receiver did not negotiate RTX.</param>
    /// <param name="toSourceSequence">Maps the track's numbering to the source's (<c>OutboundTrack.ToSourceSequence</c>).</param>
    /// <param name="minResendInterval">Shortest time between two resends of one packet.</param>
    public NackResponder(
        RetransmissionCache cache, RtxTrack? rtx, Func<ushort, ushort> toSourceSequence, TimeSpan minResendInterval)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(toSourceSequence);
        ArgumentOutOfRangeException.ThrowIfLessThan(minResendInterval, TimeSpan.Zero);
        _cache = cache;
        _rtx = rtx;
        _toSourceSequence = toSourceSequence;
        _minResendInterval = minResendInterval;
    }

    /// <summary>
    /// Resends what the cache holds through <paramref name="sink"/> and writes the sequences to
    /// forward into <paramref name="toForward"/>; those that do not fit are counted as dropped.
    /// The caller has checked that the NACK's media SSRC is this track's.
    /// </summary>
    public NackResponse Respond<TSink>(GenericNackPacket nack, TSink sink, Span<ushort> toForward)
        where TSink : IRetransmissionSink
    {
        ArgumentNullException.ThrowIfNull(sink);
        int resent = 0, rateLimited = 0, forwarded = 0, dropped = 0;
        foreach (var sequence in nack.GetLostSequences())
        {
            switch (_cache.TryGetForResend(sequence, _minResendInterval, out var packet))
            {
                case RetransmissionLookup.Hit:
                    Resend(packet, sink);
                    resent++;
                    break;
                case RetransmissionLookup.RateLimited:
                    rateLimited++;
                    break;
                case RetransmissionLookup.Miss:
                    if (forwarded < toForward.Length)
                    {
                        toForward[forwarded++] = _toSourceSequence(sequence);
                    }
                    else
                    {
                        dropped++;
                    }

                    break;
            }
        }

        return new NackResponse(resent, rateLimited, forwarded, dropped);
    }

    private void Resend<TSink>(ReadOnlySpan<byte> original, TSink sink)
        where TSink : IRetransmissionSink
    {
        if (_rtx is not null && _rtx.TryWriteRtx(original, _rtxBuffer, out var written))
        {
            sink.Send(_rtxBuffer.AsSpan(0, written));
            return;
        }

        // No RTX negotiated, or none for this payload type: the original as sent is the plain
        // retransmission.
        sink.Send(original);
    }
}
