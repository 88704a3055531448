namespace Relay.Media.Sdp;

/// <summary>
/// <c>a=setup</c> values, RFC 4145 §4: who opens the connection, which for DTLS-SRTP
/// (RFC 5763 §5) decides who is the DTLS client (active) and who the server (passive).
/// </summary>
public enum DtlsSetupRole
{
    Active,
    Passive,
    ActPass,
    HoldConn,
}

/// <summary>Text forms of <see cref="DtlsSetupRole"/>.</summary>
public static class DtlsSetupRoles
{
    public static bool TryParse(string? text, out DtlsSetupRole role)
    {
        switch (text)
        {
            case "active": role = DtlsSetupRole.Active; return true;
            case "passive": role = DtlsSetupRole.Passive; return true;
            case "actpass": role = DtlsSetupRole.ActPass; return true;
            case "holdconn": role = DtlsSetupRole.HoldConn; return true;
            default: role = DtlsSetupRole.Active; return false;
        }
    }

    public static string ToSdpValue(this DtlsSetupRole role) => role switch
    {
        DtlsSetupRole.Passive => "passive",
        DtlsSetupRole.ActPass => "actpass",
        DtlsSetupRole.HoldConn => "holdconn",
        _ => "active",
    };
}
