using System.Buffers.Binary;
using Relay.Media.Rtp;

namespace Relay.Media.Recovery;

/// <summary>
/// Builds the packet that answers a NACK from a cached original (see
/// <see cref="RetransmissionCache"/>): an RFC 4588 RTX packet when RTX was negotiated, otherwise
/// the original itself. Writes into a caller buffer that must not overlap the original; allocates
/// nothing.
/// </summary>
/// <remarks>
/// RFC 4588 §4, the RTX packet:
/// <code>
/// | original header: V P=0 X CC M, PT = RTX PT, seq = RTX seq, same timestamp, SSRC = RTX SSRC,
/// |                  the original CSRCs and header extension                                  |
/// |  OSN (original sequence number, 16 bits)  |  original payload ...                         |
/// </code>
/// </remarks>
public static class RtxPacketBuilder
{
    /// <summary>The OSN field that precedes the original payload (RFC 4588 §4).</summary>
    public const int OriginalSequenceLength = 2;

    /// <summary>
    /// Writes the RTX packet for <paramref name="original"/>. The marker bit, timestamp, CSRCs and
    /// header extension are kept (RFC 4588 §4: "the same as the original"); padding is dropped
    /// because it belongs to the original packet, not to its payload (RFC 3550 §5.1), so the P bit
    /// is cleared. False when the original does not parse, the payload type is above 127, or
    /// <paramref name="destination"/> is too small.
    /// </summary>
    public static bool TryWriteRtx(
        ReadOnlySpan<byte> original,
        uint rtxSsrc,
        byte rtxPayloadType,
        ushort rtxSequenceNumber,
        Span<byte> destination,
        out int written)
    {
        written = 0;
        if (!RtpPacket.TryParse(original, out var packet) || rtxPayloadType > RtpPacket.PayloadTypeMask)
        {
            return false;
        }

        var headerLength = packet.HeaderLength;
        var size = headerLength + OriginalSequenceLength + packet.PayloadLength;
        if (destination.Length < size)
        {
            return false;
        }

        original[..headerLength].CopyTo(destination);
        destination[RtpPacket.FlagsOffset] &= unchecked((byte)~RtpPacket.PaddingBit);
        RtpHeaderRewriter.SetPayloadType(destination, rtxPayloadType);
        RtpHeaderRewriter.SetSequenceNumber(destination, rtxSequenceNumber);
        RtpHeaderRewriter.SetSsrc(destination, rtxSsrc);
        BinaryPrimitives.WriteUInt16BigEndian(destination[headerLength..], packet.SequenceNumber);
        packet.Payload.CopyTo(destination[(headerLength + OriginalSequenceLength)..]);
        written = size;
        return true;
    }

    /// <summary>
    /// Plain retransmission, without RTX: the original as sent (RFC 4588 §1 explains why this is
    /// the fallback: it skews the receiver's loss and jitter statistics, but needs no negotiation).
    /// False when <paramref name="destination"/> is too small.
    /// </summary>
    public static bool TryWritePlain(ReadOnlySpan<byte> original, Span<byte> destination, out int written)
    {
        written = 0;
        if (!original.TryCopyTo(destination))
        {
            return false;
        }

        written = original.Length;
        return true;
    }
}
