using System.Buffers.Binary;

namespace Relay.Media.Rtp;

/// <summary>
/// Rewrites fixed-header fields in the buffer a packet was received into, so forwarding to
/// another leg needs no copy (ARCHITECTURE.md, "Media plane"). Every method expects a buffer
/// that <see cref="RtpPacket.TryParse"/> or <see cref="RtpPacket.TryGetHeaderLength"/> accepted,
/// so it holds at least the 12-octet fixed header; a shorter span is a caller bug and throws.
/// </summary>
public static class RtpHeaderRewriter
{
    public static void SetSsrc(Span<byte> packet, uint ssrc) =>
        BinaryPrimitives.WriteUInt32BigEndian(packet[RtpPacket.SsrcOffset..], ssrc);

    public static void SetSequenceNumber(Span<byte> packet, ushort sequenceNumber) =>
        BinaryPrimitives.WriteUInt16BigEndian(packet[RtpPacket.SequenceNumberOffset..], sequenceNumber);

    public static void SetTimestamp(Span<byte> packet, uint timestamp) =>
        BinaryPrimitives.WriteUInt32BigEndian(packet[RtpPacket.TimestampOffset..], timestamp);

    /// <summary>Replaces the 7-bit payload type and keeps the marker bit.</summary>
    public static void SetPayloadType(Span<byte> packet, byte payloadType)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payloadType, RtpPacket.PayloadTypeMask);
        ref var octet = ref packet[RtpPacket.MarkerAndTypeOffset];
        octet = (byte)((octet & RtpPacket.MarkerBit) | payloadType);
    }

    public static void SetMarker(Span<byte> packet, bool marker)
    {
        ref var octet = ref packet[RtpPacket.MarkerAndTypeOffset];
        octet = marker ? (byte)(octet | RtpPacket.MarkerBit) : (byte)(octet & RtpPacket.PayloadTypeMask);
    }
}
