namespace Relay.Media.Sdp;

/// <summary>
/// Checks the syntax of the attributes WebRTC relies on while parsing, so that the typed
/// accessors never meet a malformed value. Unknown attributes are accepted as they are
/// (RFC 8866 §5.13: unknown attributes are ignored).
/// </summary>
internal static class SdpAttributeValidator
{
    public static bool TryValidate(SdpAttributeLine attribute, out string? error)
    {
        var value = attribute.Value;
        switch (attribute.Name)
        {
            case SdpAttributeNames.RtpMap: return RtpMap.TryParse(value, out _, out error);
            case SdpAttributeNames.Fmtp: return Fmtp.TryParse(value, out _, out error);
            case SdpAttributeNames.RtcpFb: return RtcpFeedback.TryParse(value, out _, out error);
            case SdpAttributeNames.Extmap: return ExtMap.TryParse(value, out _, out error);
            case SdpAttributeNames.Fingerprint: return DtlsFingerprint.TryParse(value, out _, out error);
            case SdpAttributeNames.Ssrc: return SsrcLine.TryParse(value, out _, out error);
            case SdpAttributeNames.SsrcGroup: return SsrcGroup.TryParse(value, out _, out error);
            case SdpAttributeNames.Group: return SdpGroup.TryParse(value, out _, out error);
            case SdpAttributeNames.Msid: return Msid.TryParse(value, out _, out error);
            case SdpAttributeNames.Candidate: return IceCandidate.TryParse(value, out _, out error);
            case SdpAttributeNames.IceUfrag:
                return Check(IceGrammar.IsUfrag(value), "ice-ufrag must be 4 to 256 letters, digits, + or /", out error);
            case SdpAttributeNames.IcePwd:
                return Check(IceGrammar.IsPassword(value), "ice-pwd must be 22 to 256 letters, digits, + or /", out error);
            case SdpAttributeNames.Setup:
                return Check(
                    DtlsSetupRoles.TryParse(value, out _), "setup must be active, passive, actpass or holdconn", out error);
            case SdpAttributeNames.Mid:
                return Check(IsToken(value), "mid must be a non-empty token without spaces", out error);
            case SdpAttributeNames.IceOptions:
                return Check(!string.IsNullOrWhiteSpace(value), "ice-options has no option", out error);
            case SdpAttributeNames.Rtcp:
                // RFC 3605 §2.1: "a=rtcp:<port> [<nettype> <addrtype> <address>]".
                return Check(
                    value is not null && SdpNumbers.TryParsePort(FirstToken(value), out _),
                    "rtcp port is not a number from 0 to 65535",
                    out error);
            default:
                error = null;
                return true;
        }
    }

    private static bool Check(bool valid, string message, out string? error)
    {
        error = valid ? null : message;
        return valid;
    }

    private static bool IsToken(string? value) =>
        !string.IsNullOrEmpty(value) && !value.Contains(' ', StringComparison.Ordinal);

    private static string FirstToken(string value)
    {
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? value : value[..space];
    }
}
