namespace Relay.Media.Transport;

/// <summary>
/// Tells the protocols that share one UDP port (or one ICE-TCP frame stream) apart by the first
/// byte of each packet, as RFC 7983 §7 prescribes; RTCP is told from RTP by the second byte
/// (RFC 5761 §4). This is the only place that decides; each parser still validates its packet.
/// </summary>
/// <remarks>
/// <code>
///                   first byte
///                 +------------+
///                 |   0 ..   3 | --> STUN          (top two bits 00, RFC 8489 §5)
///                 |   4 ..  15 | --> unknown
///                 |  16 ..  19 | --> ZRTP          (RFC 6189)
///   datagram ---> |  20 ..  63 | --> DTLS          (record content types)
///                 |  64 ..  79 | --> TURN channel  (channel numbers 0x4000-0x4FFF, RFC 8656 §12)
///                 |  80 .. 127 | --> unknown
///                 | 128 .. 191 | --> RTP or RTCP   (version 2, RFC 3550 §5.1)
///                 | 192 .. 255 | --> unknown
///                 +------------+
///
///   RTP or RTCP: second byte 192 .. 223 --> RTCP   (packet types 192-223; RTP payload types
///                                                   64-95 are not used, so with the marker bit
///                                                   they cannot collide, RFC 5761 §4)
///                otherwise              --> RTP
/// </code>
/// Stateless and thread-safe; allocation-free.
/// </remarks>
public static class PacketDemux
{
    private const byte StunFirst = 0;
    private const byte StunLast = 3;
    private const byte ZrtpFirst = 16;
    private const byte ZrtpLast = 19;
    private const byte DtlsFirst = 20;
    private const byte DtlsLast = 63;
    private const byte TurnChannelFirst = 64;
    private const byte TurnChannelLast = 79;
    private const byte RtpFirst = 128;
    private const byte RtpLast = 191;
    private const byte RtcpPacketTypeFirst = 192;
    private const byte RtcpPacketTypeLast = 223;

    private const int PayloadTypeOffset = 1;

    public static PacketKind Classify(ReadOnlySpan<byte> packet)
    {
        if (packet.IsEmpty)
        {
            return PacketKind.Unknown;
        }

        return packet[0] switch
        {
            >= StunFirst and <= StunLast => PacketKind.Stun,
            >= ZrtpFirst and <= ZrtpLast => PacketKind.Zrtp,
            >= DtlsFirst and <= DtlsLast => PacketKind.Dtls,
            >= TurnChannelFirst and <= TurnChannelLast => PacketKind.TurnChannel,
            >= RtpFirst and <= RtpLast => ClassifyRtpOrRtcp(packet),
            _ => PacketKind.Unknown,
        };
    }

    // A one-byte packet has no payload-type byte and is neither.
    private static PacketKind ClassifyRtpOrRtcp(ReadOnlySpan<byte> packet) =>
        packet.Length <= PayloadTypeOffset
            ? PacketKind.Unknown
            : packet[PayloadTypeOffset] is >= RtcpPacketTypeFirst and <= RtcpPacketTypeLast
                ? PacketKind.Rtcp
                : PacketKind.Rtp;
}
