using System.Net;
using System.Net.Sockets;
using Relay.Media.Sdp;
using Relay.Media.Sessions;

namespace Relay.Media.Client;

/// <summary>What a client needs from the relay's answer: ICE credentials, the DTLS fingerprint, where to send, and its SSRCs.</summary>
public sealed class RelayAnswer
{
    private RelayAnswer(
        string iceUfrag, string icePwd, Dtls.DtlsFingerprint fingerprint, IPEndPoint endPoint, IPEndPoint? tcpEndPoint,
        Dictionary<uint, MediaKind> ssrcs, Dictionary<MediaKind, byte> payloadTypes)
    {
        TcpEndPoint = tcpEndPoint;
        IceUfrag = iceUfrag;
        IcePwd = icePwd;
        Fingerprint = fingerprint;
        EndPoint = endPoint;
        Ssrcs = ssrcs;
        PayloadTypes = payloadTypes;
    }

    public string IceUfrag { get; }

    public string IcePwd { get; }

    public Dtls.DtlsFingerprint Fingerprint { get; }

    /// <summary>The relay's UDP host candidate: loopback when offered (the client binds 127.0.0.1), else the first IPv4 one.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The relay's passive ICE-TCP host candidate (RFC 6544), chosen like <see cref="EndPoint"/>; null when none is offered.</summary>
    public IPEndPoint? TcpEndPoint { get; }

    /// <summary>The SSRCs the relay announced (a=ssrc), by kind: the streams it will send us.</summary>
    public IReadOnlyDictionary<uint, MediaKind> Ssrcs { get; }

    /// <summary>The payload type the answer selected per kind (the first format of each accepted m= line).</summary>
    public IReadOnlyDictionary<MediaKind, byte> PayloadTypes { get; }

    /// <summary>The relay's RTX SSRC for each of its media SSRCs (a=ssrc-group:FID, RFC 4588 §8.6).</summary>
    public IReadOnlyDictionary<uint, uint> RtxSsrcs { get; private init; } = new Dictionary<uint, uint>();

    /// <summary>The RTX payload type the answer kept per kind (a=rtpmap:&lt;pt&gt; rtx, RFC 4588 §8.6).</summary>
    public IReadOnlyDictionary<MediaKind, byte> RtxPayloadTypes { get; private init; } = new Dictionary<MediaKind, byte>();

    /// <summary>The kinds whose answer kept Generic NACK feedback (a=rtcp-fb:&lt;pt&gt; nack, RFC 4585 §4.2).</summary>
    public IReadOnlySet<MediaKind> NackKinds { get; private init; } = new HashSet<MediaKind>();

    /// <summary>The id the answer kept for the transport-wide sequence number extension, if any (the same in every section under BUNDLE).</summary>
    public int? TransportWideCcExtensionId { get; private init; }

    /// <summary>The relay's SSRC for <paramref name="kind"/>, or null when it sends none.</summary>
    public uint? SsrcOf(MediaKind kind)
    {
        foreach (var (ssrc, of) in Ssrcs)
        {
            if (of == kind)
            {
                return ssrc;
            }
        }

        return null;
    }

    public static bool TryParse(string? sdp, out RelayAnswer? answer, out string? error)
    {
        answer = null;
        if (!SessionDescription.TryParse(sdp, out var description, out error))
        {
            return false;
        }

        string? ufrag = description!.IceUfrag, pwd = description.IcePwd;
        Sdp.DtlsFingerprint? fingerprint = description.GetFingerprints().FirstOrDefault();
        IPEndPoint? endPoint = null;
        IPEndPoint? tcpEndPoint = null;
        var ssrcs = new Dictionary<uint, MediaKind>();
        var payloadTypes = new Dictionary<MediaKind, byte>();
        var rtxSsrcs = new Dictionary<uint, uint>();
        var rtxPayloadTypes = new Dictionary<MediaKind, byte>();
        var nackKinds = new HashSet<MediaKind>();
        int? transportWideCc = null;
        foreach (var media in description.MediaDescriptions)
        {
            if (media.Port == 0 || media.Kind is not (MediaDescription.Audio or MediaDescription.Video))
            {
                continue;
            }

            var kind = media.Kind == MediaDescription.Audio ? MediaKind.Audio : MediaKind.Video;
            ufrag ??= media.IceUfrag;
            pwd ??= media.IcePwd;
            fingerprint ??= media.GetFingerprints().FirstOrDefault();
            endPoint ??= PickCandidate(media.GetCandidates(), tcp: false);
            tcpEndPoint ??= PickCandidate(media.GetCandidates(), tcp: true);
            if (media.Formats.Count > 0 && byte.TryParse(media.Formats[0], out var payloadType))
            {
                payloadTypes[kind] = payloadType;
            }

            foreach (var map in media.GetExtMaps())
            {
                transportWideCc ??= map.Uri == RtpHeaderExtensionUris.TransportWideCc ? map.Id : null;
            }

            foreach (var line in media.GetSsrcLines())
            {
                ssrcs.TryAdd(line.Ssrc, kind);
            }

            ReadRecovery(media, kind, rtxSsrcs, rtxPayloadTypes, nackKinds);
        }

        if (ufrag is null || pwd is null || fingerprint is null || endPoint is null)
        {
            error = "The answer lacks ICE credentials, a fingerprint or a UDP IPv4 candidate.";
            return false;
        }

        if (!Dtls.DtlsFingerprint.TryParse(fingerprint.ToString(), out var dtlsFingerprint, out error))
        {
            return false;
        }

        answer = new RelayAnswer(ufrag, pwd, dtlsFingerprint!, endPoint, tcpEndPoint, ssrcs, payloadTypes)
        {
            RtxSsrcs = rtxSsrcs,
            RtxPayloadTypes = rtxPayloadTypes,
            NackKinds = nackKinds,
            TransportWideCcExtensionId = transportWideCc,
        };
        return true;
    }

    private static void ReadRecovery(
        MediaDescription media, MediaKind kind, Dictionary<uint, uint> rtxSsrcs, Dictionary<MediaKind, byte> rtxPayloadTypes, HashSet<MediaKind> nackKinds)
    {
        foreach (var group in media.GetSsrcGroups())
        {
            if (group.Semantics == SsrcGroup.FlowIdentification && group.Ssrcs.Count == 2)
            {
                rtxSsrcs.TryAdd(group.Ssrcs[0], group.Ssrcs[1]);
            }
        }

        foreach (var map in media.GetRtpMaps())
        {
            if (string.Equals(map.EncodingName, "rtx", StringComparison.OrdinalIgnoreCase) && map.PayloadType <= byte.MaxValue)
            {
                rtxPayloadTypes.TryAdd(kind, (byte)map.PayloadType);
            }
        }

        foreach (var feedback in media.GetRtcpFeedback())
        {
            if (feedback.Type == "nack" && feedback.Parameter is null)
            {
                nackKinds.Add(kind);
            }
        }
    }

    /// <param name="tcp">A passive TCP candidate (the only kind an active client connects to, RFC 6544 §6.2), else a UDP one.</param>
    private static IPEndPoint? PickCandidate(List<IceCandidate> candidates, bool tcp)
    {
        IPEndPoint? first = null;
        foreach (var candidate in candidates)
        {
            var usable = tcp ? candidate.IsTcp && candidate.TcpType == IceTcpType.Passive : candidate.IsUdp;
            if (!usable || !IPAddress.TryParse(candidate.Address, out var address) || address.AddressFamily != AddressFamily.InterNetwork)
            {
                continue;
            }

            if (IPAddress.IsLoopback(address))
            {
                return new IPEndPoint(address, candidate.Port);
            }

            first ??= new IPEndPoint(address, candidate.Port);
        }

        return first;
    }
}
