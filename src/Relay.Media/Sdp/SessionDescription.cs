namespace Relay.Media.Sdp;

/// <summary>
/// A parsed or built SDP session description (RFC 8866) in the subset JSEP (RFC 8829) uses.
/// Not thread-safe; build or parse it on one thread, then treat it as read-only.
/// </summary>
public sealed class SessionDescription
{
    public SessionDescription(SdpOrigin origin, string sessionName = "-")
    {
        Origin = origin;
        SessionName = sessionName;
    }

    /// <summary><c>v=</c>; RFC 8866 §5.1 defines only version 0.</summary>
    public static int Version => 0;

    public SdpOrigin Origin { get; set; }

    /// <summary><c>s=</c>; JSEP writes "-" (RFC 8829 §5.2.1).</summary>
    public string SessionName { get; set; }

    /// <summary>Session-level <c>i= u= e= p= c= b= t= r= z= k=</c> lines, in order.</summary>
    public List<SdpField> Fields { get; } = [];

    public SdpAttributeList Attributes { get; } = [];

    public List<MediaDescription> MediaDescriptions { get; } = [];

    public bool IsIceLite => Attributes.Contains(SdpAttributeNames.IceLite);

    public string? IceUfrag => Attributes.GetValue(SdpAttributeNames.IceUfrag);

    public string? IcePwd => Attributes.GetValue(SdpAttributeNames.IcePwd);

    public DtlsSetupRole? Setup => SdpAttributeReader.Setup(Attributes);

    public List<DtlsFingerprint> GetFingerprints() =>
        SdpAttributeReader.ParseAll<DtlsFingerprint>(Attributes, SdpAttributeNames.Fingerprint, DtlsFingerprint.TryParse);

    public List<SdpGroup> GetGroups() =>
        SdpAttributeReader.ParseAll<SdpGroup>(Attributes, SdpAttributeNames.Group, SdpGroup.TryParse);

    /// <summary>The first <c>a=group:BUNDLE</c> (RFC 8843), or null.</summary>
    public SdpGroup? GetBundleGroup()
    {
        foreach (var group in GetGroups())
        {
            if (group.Semantics == SdpGroup.Bundle)
            {
                return group;
            }
        }

        return null;
    }

    /// <summary>The media section with this mid, or null.</summary>
    public MediaDescription? FindMedia(string mid)
    {
        foreach (var media in MediaDescriptions)
        {
            if (media.Mid == mid)
            {
                return media;
            }
        }

        return null;
    }

    /// <summary>
    /// Parses SDP text. Never throws for bad input: returns false with an error a person can
    /// read, such as "line 7: m= line has no port".
    /// </summary>
    public static bool TryParse(string? sdp, out SessionDescription? result, out string? error) =>
        SdpReader.TryRead(sdp, out result, out error);

    /// <summary>The description as SDP text with CRLF line endings (RFC 8866 §5).</summary>
    public override string ToString() => SdpWriter.Write(this);
}
