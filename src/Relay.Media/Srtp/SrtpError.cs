namespace Relay.Media.Srtp;

/// <summary>
/// Why SRTP or SRTCP processing refused a packet. The names double as metric labels (STYLE.md),
/// so keep them stable.
/// </summary>
public enum SrtpError
{
    None = 0,

    /// <summary>Shorter than a header plus the authentication trailer.</summary>
    TooShort,

    /// <summary>Not an RTP/RTCP version 2 packet, or its header runs past the end.</summary>
    MalformedPacket,

    /// <summary>The caller's destination buffer cannot hold the result.</summary>
    DestinationTooSmall,

    /// <summary>The packet index was already accepted (RFC 3711 §3.3.2).</summary>
    ReplayDetected,

    /// <summary>The index is behind the replay window: it can no longer be checked, so it is refused.</summary>
    ReplayTooOld,

    /// <summary>The tag does not match: forged, corrupted, or keyed with a different ROC.</summary>
    AuthenticationFailed,

    /// <summary>The 31-bit SRTCP index would wrap; the keys must be renegotiated (RFC 3711 §9.2).</summary>
    IndexExhausted,
}
