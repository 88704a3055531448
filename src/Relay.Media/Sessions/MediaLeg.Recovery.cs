using System.Security.Cryptography;
using Relay.Media.Recovery;
using Relay.Media.Rtcp;
using Relay.Media.Rtp;
using Relay.Media.Sdp;
using Relay.Media.Srtp;

namespace Relay.Media.Sessions;

// Loss recovery. Towards the browser as a receiver: its Generic NACKs (RFC 4585 §6.2.1) are answered
// from a cache of what the relay sent it, as RTX (RFC 4588) when negotiated, and what the cache
// lacks goes to the sender. Towards the browser as a sender: the relay NACKs the gaps in its
// streams itself and unwraps its RTX, so uplink loss is repaired before it reaches the other legs.
// Everything here runs under the leg's lock except the sends, which happen after it is released.
public sealed partial class MediaLeg
{
    /// <summary>
    /// Packets kept per track: about a second of 720p video at Chromium's 2.5 Mbit/s ceiling for
    /// it (some 260 packets of 1,200 bytes a second), the cache's age limit; half that at twice
    /// the rate. Each slot holds an MTU, so this is 384 KB per receiving video track: the
    /// relay's largest per-leg cost, traded against repairing loss at the relay.
    /// </summary>
    private const int CacheCapacity = 256;

    /// <summary>A receiver's jitter buffer gives up on a packet within about a second (libwebrtc's max NACK wait).</summary>
    private static readonly TimeSpan CacheMaxAge = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Half WebRTC's default RTT: a receiver's re-request a round trip later is never held back by
    /// jitter, while the back-to-back repeats a browser sends when it measures a short RTT are.
    /// </summary>
    private static readonly TimeSpan MinResendInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>How often pending gaps are re-checked for retries while any exist.</summary>
    private static readonly TimeSpan NackTimerPeriod = TimeSpan.FromMilliseconds(20);

    private static readonly NackRequesterOptions RequesterOptions = new();

    private OutboundRecovery? _audioRecovery;
    private OutboundRecovery? _videoRecovery;
    private Timer? _nackTimer;
    private bool _nackTimerArmed;

    /// <summary>Called by the constructor once the tracks and inbound sources exist.</summary>
    private void InitRecovery()
    {
        _audioRecovery = CreateOutboundRecovery(AudioOut, Audio);
        _videoRecovery = CreateOutboundRecovery(VideoOut, Video);
        foreach (var media in Negotiated.Media)
        {
            var nack = media.HasFeedback("nack");
            foreach (var remote in media.RemoteSources)
            {
                if (!_inbound.TryGetValue(remote.Ssrc, out var source) || source.IsRetransmission)
                {
                    continue;
                }

                if (nack)
                {
                    source.Nacks = new NackRequester(RequesterOptions, TimeProvider.System);
                    _nackTimer ??= new Timer(static leg => ((MediaLeg)leg!).OnNackTimer(), this, Timeout.Infinite, Timeout.Infinite);
                }

                if (remote.RtxSsrc is { } rtxSsrc && media.RtxPayloadType is { } rtxPayloadType
                    && _inbound.TryGetValue(rtxSsrc, out var rtx) && rtx.IsRetransmission)
                {
                    rtx.Rtx = new RtxBinding(source, (byte)rtxPayloadType, (byte)media.PayloadType);
                }
            }
        }
    }

    /// <summary>A cache only for a receiver that negotiated nack: nobody else will ask for a resend.</summary>
    private static OutboundRecovery? CreateOutboundRecovery(OutboundTrack? track, NegotiatedMedia? media)
    {
        if (track is null || media is null || !media.HasFeedback("nack"))
        {
            return null;
        }

        RtxTrack? rtx = null;
        if (media.RtxPayloadType is { } rtxPayloadType && media.Outbound?.RtxSsrc is { } rtxSsrc)
        {
            rtx = new RtxTrack(rtxSsrc, (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1));
            rtx.MapPayloadType((byte)media.PayloadType, (byte)rtxPayloadType);
        }

        var cache = new RetransmissionCache(CacheCapacity, CacheMaxAge, TimeProvider.System);
        return new OutboundRecovery(track, cache, new NackResponder(cache, rtx, track.ToSourceSequence, MinResendInterval));
    }

    /// <summary>Keeps a forwarded packet, as rewritten for the track, for resends. Under the lock.</summary>
    private void StoreForRetransmission(OutboundTrack track, ReadOnlySpan<byte> packet) =>
        (track == VideoOut ? _videoRecovery : _audioRecovery)?.Cache.Store(packet);

    /// <summary>
    /// Under the lock, for a packet of a media stream: notes its sequence number. False when it
    /// arrived before (it must not be forwarded twice). When it opened a gap, the sequences to NACK
    /// now are in <paramref name="due"/>, and <paramref name="unrepairable"/> says the gap was
    /// longer than the relay tracks; the caller acts on both once the lock is released.
    /// </summary>
    private bool NoteArrival(InboundSource source, ushort sequence, Span<ushort> due, out int dueCount, out bool unrepairable)
    {
        dueCount = 0;
        unrepairable = false;
        if (source.Nacks is not { } nacks)
        {
            return true;
        }

        var abandoned = nacks.Abandoned;
        switch (nacks.OnPacket(sequence, retransmission: false))
        {
            case NackArrival.Duplicate or NackArrival.Stale:
                return false;
            case NackArrival.Restarted:
                unrepairable = true;
                break;
            case NackArrival.AfterGap:
                unrepairable = nacks.Abandoned != abandoned;
                dueCount = nacks.CollectDue(due);
                ReportAbandoned(nacks, abandoned);
                ArmNackTimer();
                break;
        }

        return true;
    }

    /// <summary>
    /// Under the lock: turns the RTX packet in <paramref name="packet"/> back into its original,
    /// which then starts at <see cref="RtxPacketBuilder.OriginalSequenceLength"/>. False (drop it)
    /// when it cannot be unwrapped or its original was already forwarded.
    /// </summary>
    private bool TryUnwrapRetransmission(InboundSource rtx, Span<byte> packet)
    {
        _relay.Counters.RtxPacketReceived();
        // Without a NACK requester there is no record of what was forwarded, and nobody asked.
        if (rtx.Rtx is not { Original.Nacks: { } nacks } binding
            || !RtxUnwrapper.TryUnwrapInPlace(packet, binding.RtxPayloadType, binding.Original.Ssrc, binding.OriginalPayloadType, out var sequence)
            || nacks.OnPacket(sequence, retransmission: true) is NackArrival.Duplicate or NackArrival.Stale)
        {
            _relay.Counters.RtxPacketDiscarded();
            return false;
        }

        binding.Original.Statistics.OnRetransmission(sequence, packet.Length);
        return true;
    }

    /// <summary>Sends the relay's own NACK for gaps in one of this browser's streams. No lock held.</summary>
    private void SendGapNack(uint mediaSsrc, ReadOnlySpan<ushort> sequences)
    {
        Span<byte> buffer = stackalloc byte[NackPacketBuilder.MaxSize];
        if (NackPacketBuilder.TryWrite(RtcpSenderSsrc, mediaSsrc, sequences, buffer, out var written) && SendRtcp(buffer[..written]))
        {
            _relay.Counters.NackSent();
            GapNackSent();
        }
    }

    /// <summary>
    /// A Generic NACK from this browser as a receiver: resends what the track's cache holds and
    /// writes the rest, in the source's numbering, into <paramref name="toForward"/>; returns how
    /// many, with the source SSRC to forward them to. The router's thread, no lock held.
    /// </summary>
    internal int AnswerNack(GenericNackPacket nack, Span<ushort> toForward, out uint sourceSsrc)
    {
        sourceSsrc = 0;
        lock (_gate)
        {
            var recovery = nack.MediaSsrc == VideoOut?.Ssrc ? _videoRecovery : nack.MediaSsrc == AudioOut?.Ssrc ? _audioRecovery : null;
            if (State != LegState.Connected || _selected is null || recovery is null)
            {
                return 0;
            }

            _relay.Counters.NackReceived();
            var response = recovery.Responder.Respond(nack, new RetransmissionSink(this), toForward);
            _relay.Counters.CacheMissed(response.Forwarded + response.Dropped);
            if (!recovery.Track.HasSource)
            {
                return 0;
            }

            sourceSsrc = recovery.Track.Source;
            return response.Forwarded;
        }
    }

    /// <summary>
    /// Passes a receiver's NACK for packets the relay could not resend to this browser, the
    /// sender, unless the relay itself is already asking for them (it lost them too, and their
    /// answer will reach every receiver). Only for a stream that negotiated nack: another sender
    /// would ignore it. The router's thread, no lock held.
    /// </summary>
    /// <remarks>
    /// A packet the relay did receive but no longer caches (older than the cache's age) is asked
    /// for too, but its RTX answer is then a duplicate and is dropped: that late, a receiver's
    /// jitter buffer has moved on anyway.
    /// </remarks>
    internal void ForwardNack(uint sourceSsrc, ReadOnlySpan<ushort> sequences)
    {
        Span<ushort> wanted = stackalloc ushort[NackPacketBuilder.MaxSequences];
        var count = 0;
        lock (_gate)
        {
            if (State != LegState.Connected || !_inbound.TryGetValue(sourceSsrc, out var source) || source.Nacks is not { } nacks)
            {
                return;
            }

            foreach (var sequence in sequences)
            {
                if (count < wanted.Length && !nacks.IsMissing(sequence))
                {
                    wanted[count++] = sequence;
                }
            }
        }

        Span<byte> buffer = stackalloc byte[NackPacketBuilder.MaxSize];
        if (count > 0
            && NackPacketBuilder.TryWrite(RtcpSenderSsrc, sourceSsrc, wanted[..count], buffer, out var written)
            && SendRtcp(buffer[..written]))
        {
            _relay.Counters.NackForwarded();
        }
    }

    /// <summary>Encrypts and sends one resent packet (the track's SSRC, or its RTX SSRC). Under the lock.</summary>
    private void SendRetransmission(ReadOnlySpan<byte> cached)
    {
        // A resend is a new packet on the wire: it takes a transport-wide number of its own, or the
        // browser's transport-cc feedback would report one number twice.
        Span<byte> packet = stackalloc byte[SendBufferSize];
        if (cached.Length > packet.Length)
        {
            return;
        }

        cached.CopyTo(packet);
        packet = packet[..cached.Length];
        StampTransportSequence(MediaKind.Video, packet, TransportWideSequence.FindOffset(packet, Video?.TransportWideCcExtensionId));
        var ssrc = ReadSsrc(packet, RtpPacket.SsrcOffset);
        if (!_outbound.TryGetValue(ssrc, out var context))
        {
            // The RTX stream gets its SRTP context with its first packet (RFC 3711 §3.2.3: one per SSRC).
            context = new SrtpContext(_localKey!);
            _outbound[ssrc] = context;
        }

        // A plain resend carries its original index again, so it encrypts to the same ciphertext.
        if (context.TryProtect(packet, _sendBuffer, out var written, out _))
        {
            _relay.Send(_sendBuffer.AsSpan(0, written), _selected!);
            _relay.Counters.RetransmissionSent(rtx: ssrc != AudioOut?.Ssrc && ssrc != VideoOut?.Ssrc);
        }
    }

    /// <summary>Under the lock.</summary>
    private void ArmNackTimer()
    {
        if (!_nackTimerArmed && _nackTimer is not null)
        {
            _nackTimerArmed = true;
            _nackTimer.Change(NackTimerPeriod, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Retries pending gaps; re-armed only while some remain, so an idle leg has no timer running.</summary>
    private void OnNackTimer()
    {
        Span<ushort> due = stackalloc ushort[NackPacketBuilder.MaxSequences];
        foreach (var source in _inbound.Values)
        {
            if (source.Nacks is not { } nacks)
            {
                continue;
            }

            int count;
            lock (_gate)
            {
                if (State != LegState.Connected)
                {
                    return;
                }

                var abandoned = nacks.Abandoned;
                count = nacks.CollectDue(due);
                ReportAbandoned(nacks, abandoned);
            }

            if (count > 0)
            {
                SendGapNack(source.Ssrc, due[..count]);
            }
        }

        lock (_gate)
        {
            _nackTimerArmed = false;
            if (State != LegState.Connected)
            {
                return;
            }

            foreach (var source in _inbound.Values)
            {
                if (source.Nacks?.MissingCount > 0)
                {
                    ArmNackTimer();
                    return;
                }
            }
        }
    }

    private void ReportAbandoned(NackRequester nacks, long before)
    {
        if (nacks.Abandoned != before)
        {
            _relay.Counters.LossGivenUp(nacks.Abandoned - before);
        }
    }

    /// <summary>Under the lock, when the leg ends. A callback already running sees the state and stops.</summary>
    private void StopRecovery() => _nackTimer?.Dispose();

    /// <summary>A track's cache and the responder that answers NACKs from it. Used under the leg's lock.</summary>
    private sealed record OutboundRecovery(OutboundTrack Track, RetransmissionCache Cache, NackResponder Responder);

    /// <summary>Hands <see cref="NackResponder"/>'s resends to the leg; a struct, so the generic call does not box.</summary>
    private readonly struct RetransmissionSink(MediaLeg leg) : IRetransmissionSink
    {
        public void Send(ReadOnlySpan<byte> packet) => leg.SendRetransmission(packet);
    }
}
