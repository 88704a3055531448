namespace Relay.Media.Stun;

/// <summary>
/// Layout of the 20-byte STUN header (RFC 8489 §5) and of the attribute TLV header (§14).
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |0 0|     STUN Message Type     |         Message Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Magic Cookie                          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                     Transaction ID (96 bits)                  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
internal static class StunHeader
{
    public const int TypeOffset = 0;
    public const int LengthOffset = 2;
    public const int CookieOffset = 4;
    public const int TransactionIdOffset = 8;
    public const int Size = 20;

    public const uint MagicCookie = 0x2112A442;

    public const int AttributeTypeOffset = 0;
    public const int AttributeLengthOffset = 2;
    public const int AttributeHeaderSize = 4;

    /// <summary>HMAC-SHA1 output: the only MESSAGE-INTEGRITY length (RFC 8489 §14.5).</summary>
    public const int MessageIntegrityLength = 20;

    /// <summary>CRC-32 output (RFC 8489 §14.7).</summary>
    public const int FingerprintLength = 4;

    /// <summary>XORed into the CRC-32 so that the FINGERPRINT of a STUN message never equals
    /// the CRC a non-STUN protocol might carry at that spot (RFC 8489 §14.7).</summary>
    public const uint FingerprintXor = 0x5354554E;

    /// <summary>Attributes start and end on 32-bit boundaries (RFC 8489 §14).</summary>
    public static int Pad4(int length) => (length + 3) & ~3;

    /// <summary>Bytes an attribute with a value of <paramref name="valueLength"/> bytes takes.</summary>
    public static int AttributeSize(int valueLength) => AttributeHeaderSize + Pad4(valueLength);
}
