using System.Diagnostics;
using Relay.Media.Diagnostics;
using Relay.Media.Recovery;
using Relay.Media.Rtp;
using Relay.Media.Srtp;

namespace Relay.Media.Sessions;

// The packet paths: what arrives from the browser, and what the relay sends it.
public sealed partial class MediaLeg
{
    /// <summary>RTCP sender SSRCs a leg may use; each gets an SRTCP context, so the count is capped.</summary>
    private const int MaxRtcpSenders = 16;

    internal void OnDtls(ReadOnlySpan<byte> datagram)
    {
        if (!_dtls.Deliver(datagram))
        {
            _relay.Counters.Drop(DropReason.DtlsQueueFull);
        }
    }

    /// <summary>SRTP from a verified address: authenticate and decrypt in place under the leg's lock, then route.</summary>
    internal void OnRtp(Span<byte> datagram)
    {
        MediaKind kind;
        int length;
        var start = 0;
        Span<ushort> nack = stackalloc ushort[NackPacketBuilder.MaxSequences];
        var nackCount = 0;
        var unrepairable = false;
        uint ssrc;
        lock (_gate)
        {
            if (State != LegState.Connected)
            {
                HoldEarly(datagram, isRtcp: false);
                return;
            }

            if (!RtpPacket.TryGetHeaderLength(datagram, out _))
            {
                _relay.Counters.Drop(DropReason.Malformed);
                return;
            }

            if (!_inbound.TryGetValue(ReadSsrc(datagram, RtpPacket.SsrcOffset), out var source))
            {
                _relay.Counters.Drop(DropReason.UnknownStream);
                return;
            }

            source.Context ??= new SrtpContext(_remoteKey!);
            if (!source.Context.TryUnprotectInPlace(datagram, datagram.Length, out length, out var error))
            {
                _relay.Counters.Drop(ToDropReason(error));
                return;
            }

            // Chromium numbers every packet it sends, retransmissions and probes too.
            OnTransportArrival(source.Kind, datagram[..length]);
            if (source.IsRetransmission)
            {
                // RFC 4588: forwarded as the original it carries, if that fills a gap.
                if (!TryUnwrapRetransmission(source, datagram[..length]))
                {
                    return;
                }

                start = RtxPacketBuilder.OriginalSequenceLength;
            }
            else
            {
                if (!RtpPacket.TryParse(datagram[..length], out var header))
                {
                    return;
                }

                source.Statistics.OnPacket(header.SequenceNumber, header.Timestamp, Stopwatch.GetTimestamp(), length);
                if (!NoteArrival(source, header.SequenceNumber, nack, out nackCount, out unrepairable))
                {
                    return;
                }
            }

            kind = source.Kind;
            ssrc = source.Ssrc;
        }

        if (nackCount > 0)
        {
            SendGapNack(ssrc, nack[..nackCount]);
        }

        // The frames in a gap that long are gone for every receiver (a network dropout while the
        // browser kept sending): only a key frame repairs the picture. A receiver would ask too,
        // but Chromium waits 3 s without a decodable frame before it does.
        if (unrepairable && kind == MediaKind.Video)
        {
            RequestKeyFrame(ssrc, force: false);
        }

        // Outside our lock: forwarding takes each receiver's lock, so no thread holds two legs' locks.
        Router.RouteRtp(this, kind, datagram[start..length]);
    }

    /// <summary>SRTCP from a verified address: authenticate and decrypt in place under the leg's lock, then route.</summary>
    internal void OnRtcp(Span<byte> datagram)
    {
        int length;
        lock (_gate)
        {
            if (State != LegState.Connected)
            {
                HoldEarly(datagram, isRtcp: true);
                return;
            }

            // Header (4), sender SSRC (4), E-flag and index (4), and at least a 10-byte tag.
            if (datagram.Length < 8 + 4 + 10)
            {
                _relay.Counters.Drop(DropReason.Malformed);
                return;
            }

            var ssrc = ReadSsrc(datagram, 4);
            var known = _inboundRtcp.TryGetValue(ssrc, out var context);
            if (!known)
            {
                if (_inboundRtcp.Count >= MaxRtcpSenders)
                {
                    _relay.Counters.Drop(DropReason.UnknownStream);
                    return;
                }

                context = new SrtcpContext(_remoteKey!);
            }

            if (!context!.TryUnprotectInPlace(datagram, datagram.Length, out length, out var error))
            {
                if (!known)
                {
                    context.Dispose();
                }

                _relay.Counters.Drop(ToDropReason(error));
                return;
            }

            // Only an authenticated packet earns its sender a context.
            if (!known)
            {
                _inboundRtcp[ssrc] = context;
            }

            NoteSenderReports(datagram[..length]);
            NoteReceptionReports(datagram[..length], Stopwatch.GetTimestamp());
            NoteTransportFeedback(datagram[..length]);
        }

        Router.RouteRtcp(this, datagram[..length]);
    }

    /// <summary>
    /// Sends a plaintext RTP packet from another leg (or, in an echo test, this one) on the
    /// track of its kind: header rewritten in place, encrypted into this leg's send buffer.
    /// Under this leg's lock; the receive thread calls it, or the handshake thread for early packets.
    /// </summary>
    /// <param name="source">The sender's header values, read before any receiver's rewrite of the shared buffer.</param>
    /// <param name="transportSequenceOffset">Where the sender's transport-wide sequence number is in the packet, or -1.</param>
    internal void ForwardRtp(MediaKind kind, Span<byte> packet, string codec, in ForwardedRtp source, int transportSequenceOffset)
    {
        lock (_gate)
        {
            var track = kind == MediaKind.Audio ? AudioOut : VideoOut;
            var media = kind == MediaKind.Audio ? Audio : Video;
            if (State != LegState.Connected || track is null || media is null || _selected is null)
            {
                return;
            }

            // No transcoding: a receiver that negotiated another codec cannot use these packets.
            if (!string.Equals(media.Codec, codec, StringComparison.OrdinalIgnoreCase)
                || !RtpPacket.TryParse(packet, out var header))
            {
                return;
            }

            track.Rewrite(packet, source, (byte)media.PayloadType, header.PayloadOffset, header.PayloadLength);
            StampTransportSequence(kind, packet, transportSequenceOffset);
            StoreForRetransmission(track, packet);
            if (_outbound[track.Ssrc].TryProtect(packet, _sendBuffer, out var written, out _))
            {
                _relay.Send(_sendBuffer.AsSpan(0, written), _selected);
                _relay.Counters.Forwarded(written);
                track.Statistics.OnSent(written);
            }
        }
    }

    /// <summary>
    /// Sends relay-made RTCP (a key-frame request, a report) to the browser. Any thread. False
    /// when nothing was sent: the leg is not connected, or the packet is not RTCP we can protect.
    /// </summary>
    public bool SendRtcp(ReadOnlySpan<byte> compound)
    {
        lock (_gate)
        {
            if (State != LegState.Connected || _selected is null || compound.Length < 8 || compound.Length > MaxPacketSize)
            {
                return false;
            }

            var ssrc = ReadSsrc(compound, 4);
            if (!_outboundRtcp.TryGetValue(ssrc, out var context))
            {
                context = new SrtcpContext(_localKey!);
                _outboundRtcp[ssrc] = context;
            }

            if (!context.TryProtect(compound, _rtcpSendBuffer, out var written, out _))
            {
                return false;
            }

            _relay.Send(_rtcpSendBuffer.AsSpan(0, written), _selected);
            return true;
        }
    }

    private static DropReason ToDropReason(SrtpError error) => error switch
    {
        SrtpError.ReplayDetected or SrtpError.ReplayTooOld => DropReason.SrtpReplay,
        SrtpError.AuthenticationFailed => DropReason.SrtpAuthenticationFailed,
        _ => DropReason.Malformed,
    };
}
