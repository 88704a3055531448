using System.Buffers.Binary;

namespace Relay.Media.Rtp;

/// <summary>
/// The transport-wide sequence number header extension
/// (draft-holmer-rmcat-transport-wide-cc-extensions-01 §2): one 16-bit big-endian counter over
/// every RTP packet of a transport, whatever its SSRC, carried in an RFC 8285 element.
/// </summary>
public static class TransportWideSequence
{
    /// <summary>Data length of the element.</summary>
    public const int Length = 2;

    private const int OneByteIdShift = 4;
    private const int MaxOneByteId = 14;

    /// <summary>
    /// Where the element's two data bytes start in <paramref name="packet"/>, or -1 when the
    /// packet has no such element (no id negotiated, no extension, or a malformed one).
    /// </summary>
    public static int FindOffset(ReadOnlySpan<byte> packet, int? id)
    {
        if (id is not { } wanted || !RtpPacket.TryParse(packet, out var header)
            || !header.TryGetHeaderExtension(wanted, out var data) || data.Length != Length)
        {
            return -1;
        }

        packet.Overlaps(data, out var offset);
        return offset;
    }

    /// <summary>Reads the value at an offset <see cref="FindOffset"/> returned.</summary>
    public static ushort Read(ReadOnlySpan<byte> packet, int offset) =>
        BinaryPrimitives.ReadUInt16BigEndian(packet[offset..]);

    /// <summary>
    /// Writes our own sequence number over the element at <paramref name="offset"/> and, when the
    /// receiver negotiated another id for the extension than the sender did, its id (RFC 8285:
    /// ids are per direction of each session). An id the element's form cannot hold is left alone.
    /// </summary>
    public static void Rewrite(Span<byte> packet, int offset, ushort sequence, int id)
    {
        BinaryPrimitives.WriteUInt16BigEndian(packet[offset..], sequence);
        if (!RtpPacket.TryParse(packet, out var header))
        {
            return;
        }

        if (header.ExtensionProfile == RtpHeaderExtensionEnumerator.OneByteProfile)
        {
            // One-byte form (RFC 8285 §4.2): id in the high nibble, length − 1 in the low one.
            if (id <= MaxOneByteId && packet[offset - 1] >> OneByteIdShift != id)
            {
                packet[offset - 1] = (byte)((id << OneByteIdShift) | (Length - 1));
            }
        }
        else if (packet[offset - 2] != id)
        {
            // Two-byte form (§4.3): id octet, then length octet.
            packet[offset - 2] = (byte)id;
        }
    }
}
