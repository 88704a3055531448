namespace Relay.Media.Recording;

/// <summary>
/// The VP8 payload descriptor at the start of every VP8 RTP payload (RFC 7741 §4.2):
/// <code>
///       0 1 2 3 4 5 6 7
///      +-+-+-+-+-+-+-+-+
///      |X|R|N|S|R| PID | (required)
///      +-+-+-+-+-+-+-+-+
/// X:   |I|L|T|K| RSV   | (optional)
/// I:   |M| PictureID   | (optional; M = 15-bit PictureID, one more octet)
/// L:   |   TL0PICIDX   | (optional)
/// T/K: |TID|Y| KEYIDX  | (optional, present when T or K is set)
/// </code>
/// </summary>
internal readonly ref struct Vp8PayloadDescriptor
{
    private const byte ExtendedBit = 0x80;
    private const byte NonReferenceBit = 0x20;
    private const byte StartBit = 0x10;
    private const byte PartitionMask = 0x0F;
    private const byte PictureIdBit = 0x80;
    private const byte Tl0PicIdxBit = 0x40;
    private const byte TidBit = 0x20;
    private const byte KeyIdxBit = 0x10;
    internal const byte LongPictureIdBit = 0x80;

    private Vp8PayloadDescriptor(ReadOnlySpan<byte> payload, int length, byte first, byte extension, int pictureId, int pictureIdOffset, int tl0PicIdxOffset)
    {
        Payload = payload[length..];
        Length = length;
        IsNonReference = (first & NonReferenceBit) != 0;
        IsStartOfPartition = (first & StartBit) != 0;
        PartitionIndex = first & PartitionMask;
        HasPictureId = (extension & PictureIdBit) != 0;
        HasTl0PicIdx = (extension & Tl0PicIdxBit) != 0;
        HasTid = (extension & TidBit) != 0;
        HasKeyIdx = (extension & KeyIdxBit) != 0;
        PictureId = pictureId;
        PictureIdOffset = pictureIdOffset;
        LongPictureId = pictureIdOffset >= 0 && (payload[pictureIdOffset] & LongPictureIdBit) != 0;
        Tl0PicIdxOffset = tl0PicIdxOffset;
        Tl0PicIdx = tl0PicIdxOffset >= 0 ? payload[tl0PicIdxOffset] : -1;
    }

    /// <summary>Octets of the descriptor: where the VP8 data starts.</summary>
    public int Length { get; }

    /// <summary>The VP8 data after the descriptor.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    public bool IsNonReference { get; }

    /// <summary>S: the packet starts a partition; with partition index 0 it starts a frame.</summary>
    public bool IsStartOfPartition { get; }

    public int PartitionIndex { get; }

    public bool HasPictureId { get; }

    public bool HasTl0PicIdx { get; }

    public bool HasTid { get; }

    public bool HasKeyIdx { get; }

    /// <summary>7- or 15-bit PictureID, or −1 when absent.</summary>
    public int PictureId { get; }

    /// <summary>Where the PictureID field starts in the payload, or −1 when absent.</summary>
    public int PictureIdOffset { get; }

    /// <summary>The PictureID field is 15 bits (M set).</summary>
    public bool LongPictureId { get; }

    /// <summary>TL0PICIDX, or −1 when absent.</summary>
    public int Tl0PicIdx { get; }

    /// <summary>Where TL0PICIDX is in the payload, or −1 when absent.</summary>
    public int Tl0PicIdxOffset { get; }

    public bool IsStartOfFrame => IsStartOfPartition && PartitionIndex == 0;

    public static bool TryParse(ReadOnlySpan<byte> payload, out Vp8PayloadDescriptor descriptor)
    {
        descriptor = default;
        if (payload.IsEmpty)
        {
            return false;
        }

        var first = payload[0];
        var offset = 1;
        byte extension = 0;
        var pictureId = -1;
        var pictureIdOffset = -1;
        var tl0PicIdxOffset = -1;
        if ((first & ExtendedBit) != 0)
        {
            if (payload.Length < 2)
            {
                return false;
            }

            extension = payload[offset++];
            if ((extension & PictureIdBit) != 0)
            {
                if (payload.Length < offset + 1)
                {
                    return false;
                }

                pictureIdOffset = offset;
                if ((payload[offset] & LongPictureIdBit) != 0)
                {
                    if (payload.Length < offset + 2)
                    {
                        return false;
                    }

                    pictureId = ((payload[offset] & 0x7F) << 8) | payload[offset + 1];
                    offset += 2;
                }
                else
                {
                    pictureId = payload[offset++];
                }
            }

            if ((extension & Tl0PicIdxBit) != 0)
            {
                tl0PicIdxOffset = offset++;
            }

            if ((extension & (TidBit | KeyIdxBit)) != 0)
            {
                offset++;
            }
        }

        // A descriptor with nothing after it carries no VP8 data: not a useful packet.
        if (payload.Length <= offset)
        {
            return false;
        }

        descriptor = new Vp8PayloadDescriptor(payload, offset, first, extension, pictureId, pictureIdOffset, tl0PicIdxOffset);
        return true;
    }
}
