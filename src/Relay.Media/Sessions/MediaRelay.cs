using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Security.Cryptography;
using Relay.Media.Diagnostics;
using Relay.Media.Dtls;
using Relay.Media.Ice;
using Relay.Media.Sdp;
using Relay.Media.Transport;

namespace Relay.Media.Sessions;

/// <summary>
/// The media plane of one process: the shared UDP socket, the ICE-TCP listener, every leg, and
/// the tables that map an ICE username, a verified UDP address or a verified ICE-TCP connection
/// to its leg. It demultiplexes each datagram or frame (RFC 7983) and hands it to the leg it
/// belongs to; routing between legs is the legs' routers' business.
/// </summary>
public sealed partial class MediaRelay : IDatagramHandler, IIceTcpHandler, IAsyncDisposable
{
    /// <summary>RFC 8839 §5.4: ice-ufrag is at most 256 characters.</summary>
    private const int MaxUfragLength = 256;

    private readonly MediaOptions _options;
    private readonly DtlsOptions _dtlsOptions;
    private readonly UdpMediaSocket _socket;
    private readonly IceTcpListener? _tcp;
    private readonly ConcurrentDictionary<Guid, MediaLeg> _legs = new();
    private readonly ConcurrentDictionary<string, MediaLeg> _legsByUfrag = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MediaLeg>.AlternateLookup<ReadOnlySpan<char>> _legsByUfragLookup;
    private readonly ConcurrentDictionary<SocketAddress, MediaLeg> _legsByAddress = new();

    // Apart from the UDP table: a connection is its own identity (reference equality), so a TCP
    // peer never collides with a UDP peer of the same ip:port.
    private readonly ConcurrentDictionary<IceTcpConnection, MediaLeg> _legsByConnection = new();
    private readonly Timer _timer;

    private MediaRelay(MediaOptions options, DtlsOptions dtlsOptions, UdpMediaSocket socket, IceTcpListener? tcp, DtlsCertificate certificate)
    {
        _options = options;
        _dtlsOptions = dtlsOptions;
        _socket = socket;
        _tcp = tcp;
        _legsByUfragLookup = _legsByUfrag.GetAlternateLookup<ReadOnlySpan<char>>();
        Certificate = certificate;
        AnnouncedAddresses = HostAddresses.Resolve(options);
        _timer = new Timer(static state => ((MediaRelay)state!).CheckLegs(), this, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public MediaCounters Counters { get; } = new();

    public DtlsCounters DtlsCounters => _dtlsOptions.Counters;

    public DtlsCertificate Certificate { get; }

    public IPEndPoint LocalEndPoint => _socket.LocalEndPoint;

    /// <summary>The ICE-TCP port's local end, or null when <see cref="MediaOptions.TcpEnabled"/> is off.</summary>
    public IPEndPoint? TcpEndPoint => _tcp?.LocalEndPoint;

    /// <summary>The ICE-TCP listener's counters, or null when TCP is off.</summary>
    public IceTcpCounters? TcpCounters => _tcp?.Counters;

    /// <summary>Open ICE-TCP connections, bound to a leg or not.</summary>
    public int TcpConnectionCount => _tcp?.ConnectionCount ?? 0;

    /// <summary>The open ICE-TCP connections (diagnostics, admin views and tests).</summary>
    public IEnumerable<IceTcpConnection> TcpConnections => _tcp?.Connections ?? [];

    public IReadOnlyList<IPAddress> AnnouncedAddresses { get; }

    public int LegCount => _legs.Count;

    /// <summary>Datagrams whose handling threw (a bug: the receive loop survives it); should stay 0.</summary>
    public long HandlerFaults => _socket.HandlerFaults + (_tcp?.Counters.HandlerFaults ?? 0);

    /// <summary>The live legs (diagnostics, admin views and tests).</summary>
    public IEnumerable<MediaLeg> Legs => _legs.Values;

    /// <summary>Binds the UDP port and, unless turned off, the ICE-TCP port, and starts receiving.</summary>
    public static MediaRelay Start(MediaOptions options)
    {
        var dtlsOptions = new DtlsOptions { HandshakeTimeout = options.DtlsHandshakeTimeout, Counters = new DtlsCounters() };
        if (options.SrtpProfiles.Count > 0)
        {
            dtlsOptions = dtlsOptions with { SrtpProfiles = [.. options.SrtpProfiles] };
        }

        var socket = UdpMediaSocket.Bind(options.UdpPort, options.ReceiveBatchInterval);
        IceTcpListener? tcp = null;
        try
        {
            tcp = options.TcpEnabled ? IceTcpListener.Bind(options.TcpPort, TcpLimits(options)) : null;
        }
        catch
        {
            socket.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }

        var relay = new MediaRelay(options, dtlsOptions, socket, tcp, DtlsCertificate.Shared);
        socket.Start(relay);
        tcp?.Start(relay);
        return relay;
    }

    /// <summary>
    /// Answers a browser's offer with a new leg routed by <paramref name="router"/>. On bad SDP,
    /// returns null and a reason a person can read; no leg is left half-open.
    /// </summary>
    public MediaLeg? TryCreateLeg(IMediaRouter router, string? offerSdp, out string? error)
    {
        if (!SessionDescription.TryParse(offerSdp, out var offer, out error))
        {
            return null;
        }

        var credentials = IceCredentials.CreateRandom();
        var parameters = new RelayAnswerParameters
        {
            IceUfrag = credentials.Ufrag,
            IcePwd = credentials.Password,
            Fingerprint = new Sdp.DtlsFingerprint(Dtls.DtlsFingerprint.Sha256, Certificate.Fingerprint.Hash),
            Candidates = BuildCandidates(),
            SessionId = (ulong)RandomNumberGenerator.GetInt32(1, int.MaxValue),
            CName = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 16),
            OutboundSources = BuildOutboundSources(offer!),
            VideoStartBitrateKbps = _options.VideoStartBitrateKbps > 0 ? _options.VideoStartBitrateKbps : null,
        };
        if (!SdpAnswerer.TryCreateAnswer(offer!, parameters, out var negotiated, out error))
        {
            return null;
        }

        if (negotiated!.Media.Count == 0)
        {
            error = "The offer has no audio or video the relay can carry.";
            return null;
        }

        // The SDP layer accepts any hash the grammar allows; DTLS verification here is sha-256 (RFC 8122 §5).
        if (!Dtls.DtlsFingerprint.TryParse(negotiated.RemoteFingerprint.ToString(), out var remoteFingerprint, out error))
        {
            error = $"The offer's DTLS fingerprint cannot be used: {error}";
            return null;
        }

        var leg = new MediaLeg(this, router, negotiated, credentials, remoteFingerprint!, _dtlsOptions);
        _legs[leg.Id] = leg;
        _legsByUfrag[credentials.Ufrag] = leg;
        leg.Start();
        return leg;
    }

    /// <summary>Sends on a leg's path: a datagram to a UDP address, or a frame queued on an ICE-TCP connection. Never blocks.</summary>
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Legs send through their relay; the call sites stay as they were before paths existed.")]
    internal void Send(ReadOnlySpan<byte> packet, MediaPath path) => path.Send(packet);

    /// <summary>A UDP path for a verified address; <paramref name="remote"/> must be the leg's own copy.</summary>
    internal MediaPath CreateUdpPath(SocketAddress remote) => new UdpPath(_socket, remote);

    /// <summary>
    /// Forgets an ended leg: its ufrag, its addresses, and its connections, which are closed
    /// (nothing else may use them, and each holds a slot of the connection limit). A path another
    /// leg has taken over since is left to that leg.
    /// </summary>
    internal void Unregister(MediaLeg leg, MediaPath[] paths)
    {
        _legs.TryRemove(leg.Id, out _);
        _legsByUfrag.TryRemove(new KeyValuePair<string, MediaLeg>(leg.Ice.Local.Ufrag, leg));
        foreach (var path in paths)
        {
            if (path is IceTcpConnection connection)
            {
                if (_legsByConnection.TryRemove(new KeyValuePair<IceTcpConnection, MediaLeg>(connection, leg)))
                {
                    connection.Close(TcpCloseReason.LegEnded);
                }
            }
            else
            {
                _legsByAddress.TryRemove(new KeyValuePair<SocketAddress, MediaLeg>(path.RemoteAddress, leg));
            }
        }
    }

    private static IceTcpLimits TcpLimits(MediaOptions options) => new()
    {
        MaxConnections = options.TcpMaxConnections,
        UnboundTimeout = options.TcpUnboundTimeout,
        MaxUnboundPerAddress = options.TcpMaxUnboundPerAddress,
        IdleTimeout = options.TcpIdleTimeout,
        SendQueueBytes = options.TcpSendQueueBytes,
        MaxFrameLength = MediaLeg.MaxPacketSize,
    };

    /// <summary>
    /// A UDP host candidate per announced address and, with ICE-TCP on, a passive TCP one beside
    /// it (RFC 6544 §4.1) of lower priority (§4.2), so a browser uses TCP only when UDP fails.
    /// </summary>
    private List<IceCandidate> BuildCandidates()
    {
        var count = AnnouncedAddresses.Count;
        var candidates = new List<IceCandidate>(_tcp is null ? count : 2 * count);
        for (var i = 0; i < count; i++)
        {
            var address = AnnouncedAddresses[i];
            if (address.IsIPv4MappedToIPv6)
            {
                address = address.MapToIPv4();
            }

            // Earlier addresses are preferred: configured public addresses come first.
            var priority = IcePriority.Compute(IcePriority.RecommendedTypePreference(IceCandidateType.Host), IcePriority.MaxLocalPreference - i, 1);
            candidates.Add(new IceCandidate($"{i + 1}", 1, "udp", priority, address.ToString(), _socket.LocalEndPoint.Port, IceCandidateType.Host));
            if (_tcp is not null)
            {
                // Another transport, so another foundation (RFC 8445 §5.1.1.3).
                var tcpPriority = IcePriority.Compute(IcePriority.HostTcpTypePreference, IcePriority.TcpLocalPreference(IceTcpType.Passive, IcePriority.MaxTcpOtherPreference - i), 1);
                candidates.Add(new IceCandidate($"{count + i + 1}", 1, "tcp", tcpPriority, address.ToString(), _tcp.LocalEndPoint.Port, IceCandidateType.Host, TcpType: IceTcpType.Passive));
            }
        }

        return candidates;
    }

    private static Dictionary<string, OutboundSource> BuildOutboundSources(SessionDescription offer)
    {
        var sources = new Dictionary<string, OutboundSource>(StringComparer.Ordinal);
        var streamId = Guid.NewGuid().ToString();
        foreach (var media in offer.MediaDescriptions)
        {
            if (media.Mid is { } mid && (media.Kind == MediaDescription.Audio || media.Kind == MediaDescription.Video))
            {
                var ssrc = (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue);
                // Announced (ssrc-group FID) only when the offer has RTX for the chosen codec.
                uint? rtxSsrc = media.Kind == MediaDescription.Video ? (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue) : null;
                sources.TryAdd(mid, new OutboundSource(ssrc, streamId, Guid.NewGuid().ToString()) { RtxSsrc = rtxSsrc });
            }
        }

        return sources;
    }

    /// <summary>Once a second: fail legs that never connected or whose consent ran out; report to the rest.</summary>
    private void CheckLegs()
    {
        var now = Environment.TickCount64;
        // Enumerating the dictionary itself, not .Values, which copies every leg into a new list.
        foreach (var (_, leg) in _legs)
        {
            if (leg.State == LegState.Connecting && now - leg.CreatedAt > _options.ConnectTimeout.TotalMilliseconds)
            {
                leg.Fail(LegFailure.ConnectTimeout);
            }
            else if (leg.State is LegState.Connecting or LegState.Connected && now - leg.Ice.LastConsent > _options.ConsentTimeout.TotalMilliseconds)
            {
                leg.Fail(LegFailure.ConsentExpired);
            }
            else if (leg.State == LegState.Connected)
            {
                leg.SendReceiverReport();
                leg.SampleQuality(Stopwatch.GetTimestamp());
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync();
        foreach (var leg in _legs.Values)
        {
            leg.Close();
        }

        if (_tcp is not null)
        {
            await _tcp.DisposeAsync();
        }

        await _socket.DisposeAsync();
        Counters.Dispose();
    }
}
