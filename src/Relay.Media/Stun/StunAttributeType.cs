namespace Relay.Media.Stun;

/// <summary>
/// STUN attribute types this code reads or writes (IANA "STUN Attributes"). Values below 0x8000
/// are comprehension-required, the rest comprehension-optional (RFC 8489 §14).
/// </summary>
public enum StunAttributeType : ushort
{
    MappedAddress = 0x0001,
    Username = 0x0006,
    MessageIntegrity = 0x0008,
    ErrorCode = 0x0009,
    Realm = 0x0014,
    Nonce = 0x0015,
    XorMappedAddress = 0x0020,

    /// <summary>RFC 8445 §16.1.</summary>
    Priority = 0x0024,

    /// <summary>RFC 8445 §16.1.</summary>
    UseCandidate = 0x0025,

    Software = 0x8022,
    Fingerprint = 0x8028,

    /// <summary>RFC 8445 §16.1.</summary>
    IceControlled = 0x8029,

    /// <summary>RFC 8445 §16.1.</summary>
    IceControlling = 0x802A,
}
