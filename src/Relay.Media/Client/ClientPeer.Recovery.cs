using System.Security.Cryptography;
using Relay.Media.Recovery;
using Relay.Media.Rtcp;
using Relay.Media.Rtp;
using Relay.Media.Sessions;
using Relay.Media.Srtp;

namespace Relay.Media.Client;

// Loss recovery like Chromium's (RFC 4585 Generic NACK, RFC 4588 RTX), and injected loss for tests.
// The send side (cache, responder, RTX context, outgoing loss draws) lives under the send lock; the
// receive side's gap tracking under its own NACK gate, shared by the receive loop and the retry timer.
public sealed partial class ClientPeer
{
    /// <summary>A second of video at 500 packets a second (5 Mbit/s): as long as the relay keeps asking.</summary>
    private const int SendCacheCapacity = 512;

    private static readonly TimeSpan SendCacheMaxAge = TimeSpan.FromSeconds(1);

    /// <summary>How often the receive side retries the NACKs that are due.</summary>
    private static readonly TimeSpan NackTimerPeriod = TimeSpan.FromMilliseconds(20);

    /// <summary>Like the relay's: a repeat within half a default RTT would only duplicate the answer in flight.</summary>
    private static readonly TimeSpan MinResendInterval = TimeSpan.FromMilliseconds(50);

    private readonly Lock _nackGate = new();
    private Random? _outgoingLoss;
    private Random? _incomingLoss;
    private RetransmissionCache? _videoCache;
    private NackResponder? _videoNacks;
    private SrtpContext? _videoRtxOut;
    private Timer? _nackTimer;
    private bool _nackTimerArmed;
    private (uint Ssrc, NackRequester Nacks)[] _requesting = [];
    private long _nacksSent;
    private long _nacksReceived;
    private long _rtxRetransmissionsSent;
    private long _plainRetransmissionsSent;
    private long _cacheMisses;
    private long _rtxReceived;
    private long _recovered;
    private long _duplicates;
    private long _lostOutgoing;
    private long _lostIncoming;

    /// <summary>NACKs this peer sent the relay for gaps in what it received.</summary>
    public long NacksSent => Interlocked.Read(ref _nacksSent);

    /// <summary>NACKs from the relay naming our video stream.</summary>
    public long NacksReceived => Interlocked.Read(ref _nacksReceived);

    /// <summary>Packets resent from our cache as RTX.</summary>
    public long RtxRetransmissionsSent => Interlocked.Read(ref _rtxRetransmissionsSent);

    /// <summary>Packets resent from our cache as first sent (no RTX in the answer).</summary>
    public long PlainRetransmissionsSent => Interlocked.Read(ref _plainRetransmissionsSent);

    /// <summary>NACKed sequence numbers our cache no longer held.</summary>
    public long RetransmissionCacheMisses => Interlocked.Read(ref _cacheMisses);

    /// <summary>RTX packets from the relay, authenticated.</summary>
    public long RtxReceived => Interlocked.Read(ref _rtxReceived);

    /// <summary>Packets that filled a gap (by RTX, a plain resend, or late): each counted once in <see cref="ReceivedPackets"/>.</summary>
    public long RecoveredPackets => Interlocked.Read(ref _recovered);

    /// <summary>Packets that arrived again after an earlier copy and were not passed on.</summary>
    public long DuplicatePackets => Interlocked.Read(ref _duplicates);

    /// <summary>Outgoing SRTP/SRTCP dropped by <see cref="ClientPeerOptions.OutgoingLoss"/>.</summary>
    public long LostOutgoing => Interlocked.Read(ref _lostOutgoing);

    /// <summary>Incoming SRTP/SRTCP dropped by <see cref="ClientPeerOptions.IncomingLoss"/>.</summary>
    public long LostIncoming => Interlocked.Read(ref _lostIncoming);

    /// <summary>
    /// Once the keys exist (handshake thread, before any media): the send cache and RTX stream,
    /// gap tracking for the relay's streams, its RTX streams tied to them, and the loss draws.
    /// </summary>
    private void InstallRecovery(Dictionary<uint, InboundStream> inbound, SrtpMasterKey local)
    {
        var answer = Answer!;
        if (_options.OutgoingLoss > 0)
        {
            _outgoingLoss = new Random(_options.LossSeed);
        }

        if (_options.IncomingLoss > 0)
        {
            _incomingLoss = new Random(_options.LossSeed + 1);
        }

        if (!_options.LossRecovery || !answer.NackKinds.Contains(MediaKind.Video))
        {
            return;
        }

        var requesting = new List<(uint, NackRequester)>();
        foreach (var (ssrc, stream) in inbound)
        {
            if (stream.Kind != MediaKind.Video)
            {
                continue;
            }

            if (answer.RtxSsrcs.TryGetValue(ssrc, out var rtxSsrc) && inbound.TryGetValue(rtxSsrc, out var rtx)
                && answer.RtxPayloadTypes.TryGetValue(MediaKind.Video, out var rtxPayloadType))
            {
                rtx.Original = stream;
                rtx.OriginalSsrc = ssrc;
                rtx.RtxPayloadType = rtxPayloadType;
                rtx.OriginalPayloadType = answer.PayloadTypes.GetValueOrDefault(MediaKind.Video, Vp8PayloadType);
            }
        }

        foreach (var (ssrc, stream) in inbound)
        {
            // RTX streams have their original; the rest are media.
            if (stream.Kind == MediaKind.Video && stream.Original is null)
            {
                stream.Nacks = new NackRequester(new NackRequesterOptions(), TimeProvider.System);
                requesting.Add((ssrc, stream.Nacks));
            }
        }

        RtxTrack? rtxTrack = null;
        if (answer.RtxPayloadTypes.TryGetValue(MediaKind.Video, out var ourRtxPayloadType))
        {
            rtxTrack = new RtxTrack(VideoRtxSsrc, RandomSequence());
            rtxTrack.MapPayloadType(answer.PayloadTypes.GetValueOrDefault(MediaKind.Video, Vp8PayloadType), ourRtxPayloadType);
        }

        lock (_sendGate)
        {
            _videoCache = new RetransmissionCache(SendCacheCapacity, SendCacheMaxAge, TimeProvider.System);
            _videoNacks = new NackResponder(_videoCache, rtxTrack, static sequence => sequence, MinResendInterval);
            _videoRtxOut = rtxTrack is null ? null : new SrtpContext(local);
        }

        _requesting = [.. requesting];
        _nackTimer = new Timer(static peer => ((ClientPeer)peer!).RetryNacks(), this, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>Under the send lock, for every RTP packet we write: the plaintext as sent.</summary>
    private void RememberSent(MediaKind kind, ReadOnlySpan<byte> packet)
    {
        if (kind == MediaKind.Video)
        {
            _videoCache?.Store(packet);
        }
    }

    /// <summary>Under the send lock: SRTP or SRTCP to the relay, unless the injected uplink loss takes it.</summary>
    private void SendMedia(ReadOnlySpan<byte> datagram)
    {
        if (_outgoingLoss is not null && _outgoingLoss.NextDouble() < _options.OutgoingLoss)
        {
            Interlocked.Increment(ref _lostOutgoing);
            return;
        }

        Send(datagram);
    }

    /// <summary>Receive loop: true when the injected downlink loss takes this datagram.</summary>
    private bool LosesIncoming()
    {
        if (_incomingLoss is null || _incomingLoss.NextDouble() >= _options.IncomingLoss)
        {
            return false;
        }

        Interlocked.Increment(ref _lostIncoming);
        return true;
    }

    /// <summary>
    /// Receive loop, for an authenticated packet: an RTX packet becomes its original (in place, so
    /// <paramref name="packet"/> is re-read) and <paramref name="stream"/> the media stream; then
    /// gap tracking. False when the packet must not be passed on (a duplicate, an RTX packet without
    /// an original).
    /// </summary>
    private bool TryAcceptRecovered(ref InboundStream stream, Span<byte> datagram, ref RtpPacket packet)
    {
        var retransmission = false;
        if (stream.Original is { } original)
        {
            Interlocked.Increment(ref _rtxReceived);
            if (!RtxUnwrapper.TryUnwrapInPlace(datagram, stream.RtxPayloadType, stream.OriginalSsrc, stream.OriginalPayloadType, out _)
                || !RtpPacket.TryParse(datagram[RtxPacketBuilder.OriginalSequenceLength..], out packet))
            {
                return false;
            }

            stream = original;
            retransmission = true;
        }

        if (stream.Nacks is not { } nacks)
        {
            return !retransmission;
        }

        Span<ushort> due = stackalloc ushort[NackPacketBuilder.MaxSequences];
        int count;
        lock (_nackGate)
        {
            var arrival = nacks.OnPacket(packet.SequenceNumber, retransmission);
            if (arrival is NackArrival.Duplicate or NackArrival.Stale)
            {
                Interlocked.Increment(ref _duplicates);
                return false;
            }

            if (arrival == NackArrival.Recovered)
            {
                Interlocked.Increment(ref _recovered);
            }

            count = 0;
            if (arrival == NackArrival.AfterGap)
            {
                count = nacks.CollectDue(due);
                ArmNackTimer();
            }
        }

        if (count > 0)
        {
            SendNack(packet.Ssrc, due[..count]);
        }

        return true;
    }

    /// <summary>Receive loop: the relay's NACK for our video, answered from the cache.</summary>
    private void AnswerNack(GenericNackPacket nack)
    {
        if (nack.MediaSsrc != VideoSsrc)
        {
            return;
        }

        Interlocked.Increment(ref _nacksReceived);
        Span<ushort> misses = stackalloc ushort[NackPacketBuilder.MaxSequences];
        lock (_sendGate)
        {
            if (_videoNacks is null)
            {
                return;
            }

            // A browser has nobody to forward misses to: they are only counted.
            var response = _videoNacks.Respond(nack, new RetransmissionSink(this), misses);
            Interlocked.Add(ref _cacheMisses, response.Forwarded + response.Dropped);
        }
    }

    /// <summary>
    /// Resends one of our video packets from the cache as if the relay had NACKed it (RTX when
    /// negotiated), for tests of what the relay does with a retransmission it did not ask for.
    /// False when the cache does not hold it.
    /// </summary>
    public bool ResendVideo(ushort sequenceNumber)
    {
        Span<byte> nack = stackalloc byte[NackPacketBuilder.MaxSize];
        Span<ushort> misses = stackalloc ushort[1];
        lock (_sendGate)
        {
            return _videoNacks is not null
                && NackPacketBuilder.TryWrite(0, VideoSsrc, [sequenceNumber], nack, out var written)
                && GenericNackPacket.TryParse(nack[..written], out var parsed)
                && _videoNacks.Respond(parsed, new RetransmissionSink(this), misses).Resent == 1;
        }
    }

    /// <summary>Under the send lock: protects one resent packet under its own SSRC's context and sends it.</summary>
    private void SendRetransmission(ReadOnlySpan<byte> packet)
    {
        var rtx = RtpPacket.TryParse(packet, out var header) && header.Ssrc == VideoRtxSsrc;
        var context = rtx ? _videoRtxOut : _videoOut;
        if (context is not null && context.TryProtect(packet, _sendBuffer, out var written, out _))
        {
            SendMedia(_sendBuffer.AsSpan(0, written));
            Interlocked.Increment(ref rtx ? ref _rtxRetransmissionsSent : ref _plainRetransmissionsSent);
        }
    }

    private void SendNack(uint mediaSsrc, ReadOnlySpan<ushort> sequences)
    {
        Span<byte> buffer = stackalloc byte[NackPacketBuilder.MaxSize];
        if (NackPacketBuilder.TryWrite(VideoSsrc, mediaSsrc, sequences, buffer, out var written) && SendRtcp(buffer[..written]))
        {
            Interlocked.Increment(ref _nacksSent);
        }
    }

    /// <summary>Under the NACK gate: the retry timer runs only while gaps are pending, so a load of idle peers costs no wake-ups.</summary>
    private void ArmNackTimer()
    {
        if (!_nackTimerArmed && Volatile.Read(ref _disposed) == 0)
        {
            _nackTimerArmed = true;
            _nackTimer?.Change(NackTimerPeriod, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Timer thread: re-asks for what is still missing, as often as the requesters allow, and re-arms while any is.</summary>
    private void RetryNacks()
    {
        Span<ushort> due = stackalloc ushort[NackPacketBuilder.MaxSequences];
        foreach (var (ssrc, nacks) in _requesting)
        {
            int count;
            lock (_nackGate)
            {
                count = nacks.CollectDue(due);
            }

            if (count > 0)
            {
                SendNack(ssrc, due[..count]);
            }
        }

        lock (_nackGate)
        {
            _nackTimerArmed = false;
            foreach (var (_, nacks) in _requesting)
            {
                if (nacks.MissingCount > 0)
                {
                    ArmNackTimer();
                    return;
                }
            }
        }
    }

    private void StopRecovery()
    {
        lock (_nackGate)
        {
            _nackTimer?.Dispose();
        }
    }

    /// <summary>Hands <see cref="NackResponder"/>'s resends to the peer without boxing.</summary>
    private readonly struct RetransmissionSink(ClientPeer peer) : IRetransmissionSink
    {
        public void Send(ReadOnlySpan<byte> packet) => peer.SendRetransmission(packet);
    }
}
