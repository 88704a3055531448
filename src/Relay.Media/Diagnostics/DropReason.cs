namespace Relay.Media.Diagnostics;

/// <summary>Why the relay dropped a datagram. The names are metric label values: keep them stable.</summary>
public enum DropReason
{
    /// <summary>Over 1,500 bytes: no legitimate RTP, RTCP or DTLS record over ICE is that large.</summary>
    Oversize,

    /// <summary>The first byte matches no protocol we serve (RFC 7983).</summary>
    UnknownProtocol,

    /// <summary>The bytes do not parse as the protocol their first byte announced.</summary>
    Malformed,

    /// <summary>A STUN request whose USERNAME names no leg.</summary>
    StunUnknownUsername,

    /// <summary>A STUN request whose MESSAGE-INTEGRITY or FINGERPRINT does not verify.</summary>
    StunIntegrityFailed,

    /// <summary>An authenticated check for one leg from an address another live leg, of another browser, already uses.</summary>
    StunAddressInUse,

    /// <summary>DTLS, RTP or RTCP from an address no authenticated STUN check has bound to a leg.</summary>
    UnverifiedSource,

    /// <summary>SRTP or SRTCP authentication failed: the packet changes nothing.</summary>
    SrtpAuthenticationFailed,

    /// <summary>An SRTP or SRTCP packet seen before (RFC 3711 §3.3.2).</summary>
    SrtpReplay,

    /// <summary>Media arrived before the leg's DTLS handshake produced keys.</summary>
    NotConnected,

    /// <summary>A leg's DTLS queue was full (a flood during the handshake).</summary>
    DtlsQueueFull,

    /// <summary>An RTP stream the leg did not announce in its offer.</summary>
    UnknownStream,
}
