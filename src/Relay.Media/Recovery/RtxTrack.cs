using Relay.Media.Rtp;

namespace Relay.Media.Recovery;

/// <summary>
/// The RTX stream (RFC 4588 §4) paired with one outbound track ("a=ssrc-group:FID", RFC 4588
/// §8.6): its SSRC, the RTX payload type for each media payload type ("a=fmtp:&lt;rtx&gt;
/// apt=&lt;media&gt;", RFC 4588 §8.6), and its own sequence numbering, which continues across
/// every resend. Used only under its leg's lock.
/// </summary>
public sealed class RtxTrack(uint ssrc, ushort initialSequenceNumber)
{
    private const byte Unmapped = 0xFF;

    private readonly byte[] _rtxPayloadTypes = CreateUnmapped();
    private ushort _nextSequenceNumber = initialSequenceNumber;

    public uint Ssrc { get; } = ssrc;

    /// <summary>Declares <paramref name="rtxPayloadType"/> as the RTX type for <paramref name="mediaPayloadType"/>.</summary>
    public void MapPayloadType(byte mediaPayloadType, byte rtxPayloadType)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(mediaPayloadType, _rtxPayloadTypes.Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rtxPayloadType, _rtxPayloadTypes.Length);
        _rtxPayloadTypes[mediaPayloadType] = rtxPayloadType;
    }

    /// <summary>
    /// Writes the RTX packet for a cached <paramref name="original"/> with this stream's SSRC,
    /// mapped payload type and next sequence number. False, consuming no sequence number (a gap
    /// would read as loss on the RTX stream), when no RTX type was negotiated for the original's
    /// payload type or <see cref="RtxPacketBuilder.TryWriteRtx"/> fails.
    /// </summary>
    public bool TryWriteRtx(ReadOnlySpan<byte> original, Span<byte> destination, out int written)
    {
        written = 0;
        if (original.Length <= RtpPacket.MarkerAndTypeOffset)
        {
            return false;
        }

        var payloadType = original[RtpPacket.MarkerAndTypeOffset] & RtpPacket.PayloadTypeMask;
        var rtxPayloadType = _rtxPayloadTypes[payloadType];
        if (rtxPayloadType == Unmapped
            || !RtxPacketBuilder.TryWriteRtx(original, Ssrc, rtxPayloadType, _nextSequenceNumber, destination, out written))
        {
            return false;
        }

        _nextSequenceNumber++;
        return true;
    }

    private static byte[] CreateUnmapped()
    {
        var table = new byte[128];
        table.AsSpan().Fill(Unmapped);
        return table;
    }
}
