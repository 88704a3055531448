using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Relay.Media.Diagnostics;
using Relay.Media.Dtls;
using Relay.Media.Ice;
using Relay.Media.Sdp;
using Relay.Media.Transport;

namespace Relay.Media.Sessions;

/// <summary>
/// The media plane of one process: the shared UDP socket, every leg, and the tables that map
/// an ICE username or a verified address to its leg. It demultiplexes each datagram (RFC 7983)
/// and hands it to the leg it belongs to; routing between legs is the legs' routers' business.
/// </summary>
public sealed partial class MediaRelay : IDatagramHandler, IAsyncDisposable
{
    /// <summary>RFC 8839 §5.4: ice-ufrag is at most 256 characters.</summary>
    private const int MaxUfragLength = 256;

    private readonly MediaOptions _options;
    private readonly DtlsOptions _dtlsOptions;
    private readonly UdpMediaSocket _socket;
    private readonly ConcurrentDictionary<Guid, MediaLeg> _legs = new();
    private readonly ConcurrentDictionary<string, MediaLeg> _legsByUfrag = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MediaLeg>.AlternateLookup<ReadOnlySpan<char>> _legsByUfragLookup;
    private readonly ConcurrentDictionary<SocketAddress, MediaLeg> _legsByAddress = new();
    private readonly byte[] _stunResponse = new byte[512];
    private readonly Timer _timer;

    private MediaRelay(MediaOptions options, DtlsOptions dtlsOptions, UdpMediaSocket socket, DtlsCertificate certificate)
    {
        _options = options;
        _dtlsOptions = dtlsOptions;
        _socket = socket;
        _legsByUfragLookup = _legsByUfrag.GetAlternateLookup<ReadOnlySpan<char>>();
        Certificate = certificate;
        AnnouncedAddresses = HostAddresses.Resolve(options);
        _timer = new Timer(static state => ((MediaRelay)state!).CheckLegs(), this, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public MediaCounters Counters { get; } = new();

    public DtlsCounters DtlsCounters => _dtlsOptions.Counters;

    public DtlsCertificate Certificate { get; }

    public IPEndPoint LocalEndPoint => _socket.LocalEndPoint;

    public IReadOnlyList<IPAddress> AnnouncedAddresses { get; }

    public int LegCount => _legs.Count;

    /// <summary>Datagrams whose handling threw (a bug: the receive loop survives it); should stay 0.</summary>
    public long HandlerFaults => _socket.HandlerFaults;

    /// <summary>The live legs (diagnostics, admin views and tests).</summary>
    public IEnumerable<MediaLeg> Legs => _legs.Values;

    /// <summary>Binds the UDP port and starts receiving.</summary>
    public static MediaRelay Start(MediaOptions options)
    {
        var dtlsOptions = new DtlsOptions { HandshakeTimeout = options.DtlsHandshakeTimeout, Counters = new DtlsCounters() };
        if (options.SrtpProfiles.Count > 0)
        {
            dtlsOptions = dtlsOptions with { SrtpProfiles = [.. options.SrtpProfiles] };
        }

        var socket = UdpMediaSocket.Bind(options.UdpPort, options.ReceiveBatchInterval);
        var relay = new MediaRelay(options, dtlsOptions, socket, DtlsCertificate.Shared);
        socket.Start(relay);
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

    internal void Send(ReadOnlySpan<byte> datagram, SocketAddress remote) => _socket.Send(datagram, remote);

    internal void Unregister(MediaLeg leg, SocketAddress[] addresses)
    {
        _legs.TryRemove(leg.Id, out _);
        _legsByUfrag.TryRemove(new KeyValuePair<string, MediaLeg>(leg.Ice.Local.Ufrag, leg));
        foreach (var address in addresses)
        {
            _legsByAddress.TryRemove(new KeyValuePair<SocketAddress, MediaLeg>(address, leg));
        }
    }

    private List<IceCandidate> BuildCandidates()
    {
        var candidates = new List<IceCandidate>(AnnouncedAddresses.Count);
        for (var i = 0; i < AnnouncedAddresses.Count; i++)
        {
            // Earlier addresses are preferred: configured public addresses come first.
            var priority = IcePriority.Compute(IcePriority.RecommendedTypePreference(IceCandidateType.Host), 65535 - i, 1);
            var address = AnnouncedAddresses[i];
            if (address.IsIPv4MappedToIPv6)
            {
                address = address.MapToIPv4();
            }

            candidates.Add(new IceCandidate($"{i + 1}", 1, "udp", priority, address.ToString(), _socket.LocalEndPoint.Port, IceCandidateType.Host));
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

        await _socket.DisposeAsync();
        Counters.Dispose();
    }
}
