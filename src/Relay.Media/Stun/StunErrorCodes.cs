namespace Relay.Media.Stun;

/// <summary>The ERROR-CODE values an ICE-lite agent sends (RFC 8489 §14.8, RFC 8445 §7.3.1.1).</summary>
public enum StunErrorCode
{
    /// <summary>Malformed request, or one missing USERNAME or MESSAGE-INTEGRITY (RFC 8489 §9.1.3).</summary>
    BadRequest = 400,

    /// <summary>MESSAGE-INTEGRITY did not verify, or the USERNAME is unknown (RFC 8489 §9.1.3).</summary>
    Unauthenticated = 401,

    /// <summary>Both agents claim the same ICE role (RFC 8445 §7.3.1.1).</summary>
    RoleConflict = 487,

    ServerError = 500,
}

/// <summary>Encoding details of ERROR-CODE shared by reader and writer.</summary>
public static class StunErrorCodes
{
    // ERROR-CODE value (RFC 8489 §14.8): 21 reserved bits, a 3-bit class (the hundreds digit),
    // an 8-bit number (0-99), then the UTF-8 reason phrase.
    internal const int ClassOffset = 2;
    internal const int NumberOffset = 3;
    internal const int ReasonOffset = 4;

    /// <summary>The reason phrase RFC 8489 §14.8 and RFC 8445 §16.1 suggest, as UTF-8.</summary>
    public static ReadOnlySpan<byte> DefaultReason(StunErrorCode code) => code switch
    {
        StunErrorCode.BadRequest => "Bad Request"u8,
        StunErrorCode.Unauthenticated => "Unauthenticated"u8,
        StunErrorCode.RoleConflict => "Role Conflict"u8,
        StunErrorCode.ServerError => "Server Error"u8,
        _ => [],
    };
}
