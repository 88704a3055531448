namespace Relay.Media.Stun;

/// <summary>
/// Why a datagram is not a well-formed STUN message. Reused as a metric label, so names are
/// stable; <see cref="None"/> means the message parsed.
/// </summary>
public enum StunParseError
{
    None = 0,

    /// <summary>Shorter than the 20-byte header.</summary>
    TooShort,

    /// <summary>The two most significant bits are not zero (RFC 8489 §5).</summary>
    NotStun,

    /// <summary>The magic cookie is not 0x2112A442 (RFC 8489 §5); a classic RFC 3489
    /// message, which this code does not speak.</summary>
    BadMagicCookie,

    /// <summary>The message length is not a multiple of 4 (RFC 8489 §5).</summary>
    LengthNotMultipleOf4,

    /// <summary>The header's message length disagrees with the datagram's length.</summary>
    LengthMismatch,

    /// <summary>An attribute header or value runs past the end of the message.</summary>
    AttributeOverrun,

    /// <summary>MESSAGE-INTEGRITY is not 20 bytes (RFC 8489 §14.5).</summary>
    BadMessageIntegrityLength,

    /// <summary>FINGERPRINT is not 4 bytes (RFC 8489 §14.7).</summary>
    BadFingerprintLength,

    /// <summary>An attribute follows FINGERPRINT, which must be last (RFC 8489 §14.7).</summary>
    AttributeAfterFingerprint,
}
