namespace Relay.Media.Stun;

/// <summary>The two class bits of a STUN message type (RFC 8489 §5).</summary>
public enum StunClass : byte
{
    Request = 0b00,
    Indication = 0b01,
    SuccessResponse = 0b10,
    ErrorResponse = 0b11,
}

/// <summary>STUN methods this code knows by name (IANA "STUN Methods"); others keep their number.</summary>
public enum StunMethod : ushort
{
    Binding = 0x001,
}

/// <summary>
/// Packs and unpacks the 14-bit message type, whose class bits C1 and C0 are interleaved with
/// the 12 method bits (RFC 8489 §5, figure 3):
/// <code>
///   13 12 11 10  9  8  7  6  5  4  3  2  1  0
///  +--+--+--+--+--+--+--+--+--+--+--+--+--+--+
///  |M |M |M |M |M |C |M |M |M |C |M |M |M |M |
///  |11|10|9 |8 |7 |1 |6 |5 |4 |0 |3 |2 |1 |0 |
///  +--+--+--+--+--+--+--+--+--+--+--+--+--+--+
/// </code>
/// </summary>
public static class StunMessageType
{
    public static ushort Compose(StunMethod method, StunClass messageClass)
    {
        var m = (int)method;
        var c = (int)messageClass;
        return (ushort)((m & 0x000F) | ((m & 0x0070) << 1) | ((m & 0x0F80) << 2)
            | ((c & 0b01) << 4) | ((c & 0b10) << 7));
    }

    public static StunMethod GetMethod(ushort messageType) =>
        (StunMethod)((messageType & 0x000F) | ((messageType & 0x00E0) >> 1) | ((messageType & 0x3E00) >> 2));

    public static StunClass GetClass(ushort messageType) =>
        (StunClass)(((messageType >> 4) & 0b01) | ((messageType >> 7) & 0b10));
}
