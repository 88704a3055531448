using System.Text;

namespace Relay.Media.Sdp;

/// <summary>
/// A media section: the <c>m=</c> line (RFC 8866 §5.14) and the lines up to the next one.
/// The typed accessors read the attribute list, which stays the single source of truth.
/// </summary>
public sealed class MediaDescription
{
    public const string Audio = "audio";
    public const string Video = "video";
    public const string Application = "application";

    public MediaDescription(string kind, int port, string protocol, IEnumerable<string> formats)
    {
        Kind = kind;
        Port = port;
        Protocol = protocol;
        Formats = [.. formats];
    }

    /// <summary>audio, video, application …</summary>
    public string Kind { get; set; }

    /// <summary>The port; 0 marks a rejected or stopped section (RFC 3264 §6, RFC 8829 §5.3.1).</summary>
    public int Port { get; set; }

    /// <summary>The optional <c>/&lt;number of ports&gt;</c> after the port.</summary>
    public int? PortCount { get; set; }

    /// <summary>e.g. <c>UDP/TLS/RTP/SAVPF</c> (RFC 5764 §8) or <c>UDP/DTLS/SCTP</c>.</summary>
    public string Protocol { get; set; }

    /// <summary>Payload types for RTP, or other format names, in offer preference order.</summary>
    public List<string> Formats { get; }

    /// <summary><c>i=</c>, <c>c=</c>, <c>b=</c>, <c>k=</c> lines of this section, in order.</summary>
    public List<SdpField> Fields { get; } = [];

    public SdpAttributeList Attributes { get; } = [];

    public string? Mid => Attributes.GetValue(SdpAttributeNames.Mid);

    /// <summary>The direction attribute; sendrecv when none is present (RFC 8866 §6.7).</summary>
    public MediaDirection Direction
    {
        get
        {
            foreach (var attribute in Attributes)
            {
                if (attribute.Value is null && MediaDirections.TryParse(attribute.Name, out var direction))
                {
                    return direction;
                }
            }

            return MediaDirection.SendRecv;
        }
    }

    public bool IsRtcpMux => Attributes.Contains(SdpAttributeNames.RtcpMux);

    public bool IsRtcpReducedSize => Attributes.Contains(SdpAttributeNames.RtcpRsize);

    public string? IceUfrag => Attributes.GetValue(SdpAttributeNames.IceUfrag);

    public string? IcePwd => Attributes.GetValue(SdpAttributeNames.IcePwd);

    public DtlsSetupRole? Setup => SdpAttributeReader.Setup(Attributes);

    public Msid? Msid => SdpAttributeReader.ParseFirst<Msid>(Attributes, SdpAttributeNames.Msid, Sdp.Msid.TryParse);

    public List<DtlsFingerprint> GetFingerprints() =>
        SdpAttributeReader.ParseAll<DtlsFingerprint>(Attributes, SdpAttributeNames.Fingerprint, DtlsFingerprint.TryParse);

    public List<RtpMap> GetRtpMaps() =>
        SdpAttributeReader.ParseAll<RtpMap>(Attributes, SdpAttributeNames.RtpMap, RtpMap.TryParse);

    public List<Fmtp> GetFmtps() =>
        SdpAttributeReader.ParseAll<Fmtp>(Attributes, SdpAttributeNames.Fmtp, Fmtp.TryParse);

    public List<RtcpFeedback> GetRtcpFeedback() =>
        SdpAttributeReader.ParseAll<RtcpFeedback>(Attributes, SdpAttributeNames.RtcpFb, RtcpFeedback.TryParse);

    public List<ExtMap> GetExtMaps() =>
        SdpAttributeReader.ParseAll<ExtMap>(Attributes, SdpAttributeNames.Extmap, ExtMap.TryParse);

    public List<SsrcLine> GetSsrcLines() =>
        SdpAttributeReader.ParseAll<SsrcLine>(Attributes, SdpAttributeNames.Ssrc, SsrcLine.TryParse);

    public List<SsrcGroup> GetSsrcGroups() =>
        SdpAttributeReader.ParseAll<SsrcGroup>(Attributes, SdpAttributeNames.SsrcGroup, SsrcGroup.TryParse);

    public List<IceCandidate> GetCandidates() =>
        SdpAttributeReader.ParseAll<IceCandidate>(Attributes, SdpAttributeNames.Candidate, IceCandidate.TryParse);

    /// <summary>The value of the <c>m=</c> line.</summary>
    public string FormatMediaLine()
    {
        var text = new StringBuilder(Kind).Append(' ').Append(SdpNumbers.Format(Port));
        if (PortCount is { } count)
        {
            text.Append('/').Append(SdpNumbers.Format(count));
        }

        text.Append(' ').Append(Protocol);
        foreach (var format in Formats)
        {
            text.Append(' ').Append(format);
        }

        return text.ToString();
    }
}
