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

            foreach (var line in media.GetSsrcLines())
            {
                ssrcs.TryAdd(line.Ssrc, kind);
            }
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

        answer = new RelayAnswer(ufrag, pwd, dtlsFingerprint!, endPoint, tcpEndPoint, ssrcs, payloadTypes);
        return true;
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
