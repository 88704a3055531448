using System.Buffers.Binary;

namespace Relay.Media.Rtcp;

/// <summary>
/// Common layout of RTPFB and PSFB packets (RFC 4585 §6.1): header, SSRC of packet sender,
/// SSRC of media source, then the feedback control information (FCI).
/// </summary>
internal static class RtcpFeedback
{
    internal const int SenderSsrcOffset = 4;
    internal const int MediaSsrcOffset = 8;
    internal const int FciOffset = 12;

    /// <summary>Parses the first packet of <paramref name="data"/> if it has the given type and FMT.</summary>
    internal static bool TryParse(
        ReadOnlySpan<byte> data, RtcpPacketType type, byte format, out RtcpHeader header, out ReadOnlySpan<byte> fci)
    {
        fci = default;
        if (!RtcpHeader.TryParse(data, out header)
            || header.PacketType != type
            || header.Count != format
            || header.Payload.Length < FciOffset - RtcpHeader.Size)
        {
            return false;
        }

        fci = header.Payload[(FciOffset - RtcpHeader.Size)..];
        return true;
    }

    internal static uint ReadSenderSsrc(ReadOnlySpan<byte> packet) =>
        BinaryPrimitives.ReadUInt32BigEndian(packet[SenderSsrcOffset..]);

    internal static uint ReadMediaSsrc(ReadOnlySpan<byte> packet) =>
        BinaryPrimitives.ReadUInt32BigEndian(packet[MediaSsrcOffset..]);

    /// <summary>Writes header and both SSRCs; the caller writes the FCI from <see cref="FciOffset"/>.</summary>
    internal static void WriteHeader(
        Span<byte> destination, RtcpPacketType type, byte format, int packetLength, uint senderSsrc, uint mediaSsrc)
    {
        RtcpHeader.Write(destination, format, type, packetLength);
        BinaryPrimitives.WriteUInt32BigEndian(destination[SenderSsrcOffset..], senderSsrc);
        BinaryPrimitives.WriteUInt32BigEndian(destination[MediaSsrcOffset..], mediaSsrc);
    }
}
