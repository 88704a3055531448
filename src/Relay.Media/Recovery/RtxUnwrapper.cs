using System.Buffers.Binary;
using Relay.Media.Rtp;

namespace Relay.Media.Recovery;

/// <summary>
/// Turns a received RTX packet (RFC 4588 §4) back into the original it carries, in place: the
/// reverse of <see cref="RtxPacketBuilder.TryWriteRtx"/>. Allocates nothing and copies only the
/// header.
/// </summary>
public static class RtxUnwrapper
{
    /// <summary>
    /// Unwraps the plaintext RTX packet in <paramref name="packet"/>: the header moves forward over
    /// the OSN field and takes the original's SSRC, sequence number (the OSN) and payload type, so
    /// the original is <c>packet[<see cref="RtxPacketBuilder.OriginalSequenceLength"/>..]</c>. Marker,
    /// timestamp, CSRCs, header extensions and padding stay (RFC 4588 §4). False, leaving the bytes
    /// as they were, when the packet does not parse, carries another payload type than
    /// <paramref name="rtxPayloadType"/>, or has no OSN (a sender's padding-only probe, RFC 4588 §4:
    /// an RTX packet may have an empty payload).
    /// </summary>
    public static bool TryUnwrapInPlace(
        Span<byte> packet, byte rtxPayloadType, uint originalSsrc, byte originalPayloadType, out ushort originalSequence)
    {
        originalSequence = 0;
        if (!RtpPacket.TryParse(packet, out var rtx)
            || rtx.PayloadType != rtxPayloadType
            || rtx.PayloadLength < RtxPacketBuilder.OriginalSequenceLength
            || originalPayloadType > RtpPacket.PayloadTypeMask)
        {
            return false;
        }

        var headerLength = rtx.HeaderLength;
        originalSequence = BinaryPrimitives.ReadUInt16BigEndian(packet[headerLength..]);
        var original = packet[RtxPacketBuilder.OriginalSequenceLength..];
        // Overlapping copy: Span.CopyTo moves like memmove.
        packet[..headerLength].CopyTo(original);
        RtpHeaderRewriter.SetSsrc(original, originalSsrc);
        RtpHeaderRewriter.SetSequenceNumber(original, originalSequence);
        RtpHeaderRewriter.SetPayloadType(original, originalPayloadType);
        return true;
    }
}
