using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using Relay.Media.Dtls;
using Relay.Media.Ice;
using Relay.Media.Sdp;
using Relay.Media.Srtp;
using Relay.Media.Transport;

namespace Relay.Media.Sessions;

/// <summary>
/// One browser PeerConnection terminated at the relay: its ICE credentials, DTLS endpoint,
/// SRTP contexts, the streams it sends us and the tracks we send it.
/// </summary>
/// <remarks>
/// Threading: packets arrive on the socket's receive thread; the DTLS handshake completes on its
/// own thread; timers and callers end the leg from others. One lock per leg (never shared across
/// legs) guards the SRTP contexts and the state, so ending a leg cannot free a context in use.
/// A packet is decrypted under its sender's lock and forwarded under each receiver's lock, one
/// after the other: no thread ever holds two legs' locks, so the handshake thread may route too.
/// </remarks>
public sealed partial class MediaLeg : IDisposable
{
    /// <summary>Largest RTP or RTCP packet we accept (ARCHITECTURE.md; a 1,500-byte MTU).</summary>
    public const int MaxPacketSize = 1500;

    /// <summary>Room for the largest packet plus SRTP's tag and SRTCP's index.</summary>
    private const int SendBufferSize = MaxPacketSize + 64;

    private readonly MediaRelay _relay;
    private readonly Lock _gate = new();
    private readonly List<MediaPath> _paths = [];
    private readonly Dictionary<uint, InboundSource> _inbound = [];
    private readonly Dictionary<uint, SrtcpContext> _inboundRtcp = [];
    private readonly Dictionary<uint, SrtpContext> _outbound = [];
    private readonly Dictionary<uint, SrtcpContext> _outboundRtcp = [];
    private readonly byte[] _sendBuffer = new byte[SendBufferSize];
    private readonly byte[] _rtcpSendBuffer = new byte[SendBufferSize];
    private readonly DtlsServer _dtls;
    private MediaPath? _selected;
    private SrtpMasterKey? _localKey;
    private SrtpMasterKey? _remoteKey;

    internal MediaLeg(MediaRelay relay, IMediaRouter router, NegotiatedSession negotiated, IceCredentials local, Dtls.DtlsFingerprint remoteFingerprint, DtlsOptions dtlsOptions)
    {
        _relay = relay;
        Router = router;
        Negotiated = negotiated;
        Ice = new IceLiteAgent(local, negotiated.RemoteIceUfrag);
        CreatedAt = Environment.TickCount64;
        foreach (var media in negotiated.Media)
        {
            var kind = media.Kind == MediaDescription.Video ? MediaKind.Video : MediaKind.Audio;
            if (kind == MediaKind.Audio)
            {
                Audio = media;
            }
            else
            {
                Video = media;
            }

            if (media.Outbound is { } outbound)
            {
                var track = new OutboundTrack(kind, outbound.Ssrc, media.ClockRate);
                if (kind == MediaKind.Audio)
                {
                    AudioOut = track;
                }
                else
                {
                    VideoOut = track;
                }
            }

            foreach (var source in media.RemoteSources)
            {
                _inbound.TryAdd(source.Ssrc, new InboundSource(source.Ssrc, kind, isRetransmission: false, media.ClockRate));
                if (source.RtxSsrc is { } rtx)
                {
                    _inbound.TryAdd(rtx, new InboundSource(rtx, kind, isRetransmission: true, media.ClockRate));
                }
            }
        }

        InitRecovery();
        RemoteFingerprint = remoteFingerprint;
        _dtls = new DtlsServer(relay.Certificate, remoteFingerprint, SendDtls, dtlsOptions);
    }

    /// <summary>The browser's certificate fingerprint from its offer: it stays the same for the life of its PeerConnection.</summary>
    internal Dtls.DtlsFingerprint RemoteFingerprint { get; }

    public Guid Id { get; } = Guid.NewGuid();

    public IMediaRouter Router { get; }

    public NegotiatedSession Negotiated { get; }

    public string AnswerSdp => Negotiated.Answer.ToString();

    public IceLiteAgent Ice { get; }

    public LegState State { get; private set; } = LegState.Connecting;

    public LegFailure? Failure { get; private set; }

    /// <summary>The negotiated audio and video sections, if the offer had them.</summary>
    public NegotiatedMedia? Audio { get; }

    public NegotiatedMedia? Video { get; }

    /// <summary>The tracks we send this browser (null when it does not receive that kind).</summary>
    public OutboundTrack? AudioOut { get; }

    public OutboundTrack? VideoOut { get; }

    public DtlsSrtpProfile? SrtpProfile { get; private set; }

    /// <summary>Where media for this leg goes: the nominated (USE-CANDIDATE) address, else the first verified one.</summary>
    public SocketAddress? SelectedAddress => Volatile.Read(ref _selected)?.RemoteAddress;

    /// <summary>The transport of the selected path (UDP or ICE-TCP); null while no verified path exists.</summary>
    public MediaTransport? Transport => Volatile.Read(ref _selected)?.Transport;

    internal long CreatedAt { get; }

    internal void Start()
    {
        _dtls.Start(OnKeys);
        // The endpoint ends after Completion is settled, so one continuation sees the verdict:
        // a failed handshake (a certificate that does not match the offer's fingerprint above
        // all, RFC 8122 §5) fails the leg at once rather than at the connect timeout, and the
        // browser's close_notify after the handshake (RFC 5246 §7.2.1) is a hang-up.
        _dtls.Closed.ContinueWith(
            static (_, state) => ((MediaLeg)state!).OnDtlsEnded(),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>The SSRCs the browser announced, by kind: the ones a key-frame request targets.</summary>
    public uint? FirstInboundSsrc(MediaKind kind)
    {
        lock (_gate)
        {
            foreach (var source in _inbound.Values)
            {
                if (source.Kind == kind && !source.IsRetransmission)
                {
                    return source.Ssrc;
                }
            }
        }

        return null;
    }

    /// <summary>Ends the leg: it stops carrying media and its state is freed. Idempotent.</summary>
    public void Close() => End(LegState.Closed, null);

    public void Dispose() => Close();

    internal void Fail(LegFailure failure) => End(LegState.Failed, failure);

    private void End(LegState state, LegFailure? failure)
    {
        MediaPath[] paths;
        lock (_gate)
        {
            if (State is LegState.Failed or LegState.Closed)
            {
                return;
            }

            State = state;
            Failure = failure;
            paths = [.. _paths];
            _paths.Clear();
            DiscardEarlyPackets();
            StopRecovery();
            DisposeAll(_outbound);
            DisposeAll(_outboundRtcp);
            DisposeAll(_inboundRtcp);
            foreach (var source in _inbound.Values)
            {
                source.Context?.Dispose();
                source.Context = null;
            }
        }

        _dtls.Close();
        PublishQuality(Stopwatch.GetTimestamp(), final: true);
        _relay.Unregister(this, paths);
        if (failure is not null)
        {
            _relay.Counters.LegFailed();
        }

        Router.LegEnded(this);
    }

    private void OnKeys(DtlsSrtpKeys keys)
    {
        // MEDIA-NOTES pitfall 3: the browser sends SRTP the moment it has our Finished, so the
        // contexts must exist before the next datagram is read.
        var profile = (SrtpProfile)(ushort)keys.Profile;
        lock (_gate)
        {
            if (State != LegState.Connecting)
            {
                return;
            }

            _localKey = new SrtpMasterKey(profile, keys.LocalMasterKey, keys.LocalMasterSalt);
            _remoteKey = new SrtpMasterKey(profile, keys.RemoteMasterKey, keys.RemoteMasterSalt);
            foreach (var track in new[] { AudioOut, VideoOut })
            {
                if (track is not null)
                {
                    _outbound[track.Ssrc] = new SrtpContext(_localKey);
                }
            }

            SrtpProfile = keys.Profile;
            State = LegState.Connected;
        }

        ReleaseEarlyPackets();
        Router.LegConnected(this);
    }

    private void OnDtlsEnded()
    {
        if (_dtls.Completion.Exception?.InnerException is not DtlsHandshakeException failed)
        {
            Close();
            return;
        }

        // Closed means we ended the leg ourselves (hang-up, timeout): it already has its state.
        if (failed.Failure == DtlsFailure.Closed)
        {
            return;
        }

        _relay.Counters.DtlsFailed();
        switch (failed.Failure)
        {
            case DtlsFailure.FingerprintMismatch:
                _relay.Counters.FingerprintMismatch();
                Fail(LegFailure.FingerprintMismatch);
                break;
            case DtlsFailure.Timeout:
                // The handshake timer runs from the leg's creation: ICE and DTLS together did not finish in time.
                Fail(LegFailure.ConnectTimeout);
                break;
            default:
                Fail(LegFailure.DtlsFailed);
                break;
        }
    }

    private void SendDtls(ReadOnlySpan<byte> datagram)
    {
        if (Volatile.Read(ref _selected) is { } path)
        {
            _relay.Send(datagram, path);
        }
    }

    private static void DisposeAll<TContext>(Dictionary<uint, TContext> contexts)
        where TContext : IDisposable
    {
        foreach (var context in contexts.Values)
        {
            context.Dispose();
        }

        contexts.Clear();
    }

    private static uint ReadSsrc(ReadOnlySpan<byte> packet, int offset) => BinaryPrimitives.ReadUInt32BigEndian(packet[offset..]);
}
