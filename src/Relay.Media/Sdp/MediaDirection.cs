namespace Relay.Media.Sdp;

/// <summary>The direction attributes of RFC 8866 §6.7 (sendrecv is the default when none is given).</summary>
public enum MediaDirection
{
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
}

/// <summary>Text forms of <see cref="MediaDirection"/> and the answer rule of RFC 3264 §6.1.</summary>
public static class MediaDirections
{
    public static bool TryParse(string? text, out MediaDirection direction)
    {
        switch (text)
        {
            case SdpAttributeNames.SendRecv: direction = MediaDirection.SendRecv; return true;
            case SdpAttributeNames.SendOnly: direction = MediaDirection.SendOnly; return true;
            case SdpAttributeNames.RecvOnly: direction = MediaDirection.RecvOnly; return true;
            case SdpAttributeNames.Inactive: direction = MediaDirection.Inactive; return true;
            default: direction = MediaDirection.SendRecv; return false;
        }
    }

    public static string ToAttributeName(this MediaDirection direction) => direction switch
    {
        MediaDirection.SendOnly => SdpAttributeNames.SendOnly,
        MediaDirection.RecvOnly => SdpAttributeNames.RecvOnly,
        MediaDirection.Inactive => SdpAttributeNames.Inactive,
        _ => SdpAttributeNames.SendRecv,
    };

    /// <summary>
    /// The answer that mirrors an offered direction when the answerer both sends and receives
    /// (RFC 3264 §6.1): sendonly is answered recvonly and recvonly sendonly.
    /// </summary>
    public static MediaDirection Mirror(this MediaDirection offered) => offered switch
    {
        MediaDirection.SendOnly => MediaDirection.RecvOnly,
        MediaDirection.RecvOnly => MediaDirection.SendOnly,
        _ => offered,
    };

    /// <summary>True when media flows from the side using this direction.</summary>
    public static bool Sends(this MediaDirection direction) =>
        direction is MediaDirection.SendRecv or MediaDirection.SendOnly;
}
