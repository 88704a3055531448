using Relay.Media.Recording;

namespace Relay.Media.Sessions;

/// <summary>
/// A VP8 packet's PictureID and TL0PICIDX (RFC 7741 §4.2) and where they sit in its payload, read
/// once per forwarded packet (by the recorder's <see cref="Vp8PayloadDescriptor"/>) so that each
/// receiving track can renumber them.
/// </summary>
/// <param name="PictureId">7- or 15-bit PictureID, or −1 when absent.</param>
/// <param name="LongPictureId">The PictureID field is 15 bits (M set).</param>
/// <param name="PictureIdOffset">Offset of the PictureID field in the payload, or −1.</param>
/// <param name="Tl0PicIdx">TL0PICIDX, or −1 when absent.</param>
/// <param name="Tl0PicIdxOffset">Offset of TL0PICIDX in the payload, or −1.</param>
internal readonly record struct Vp8Indices(int PictureId, bool LongPictureId, int PictureIdOffset, int Tl0PicIdx, int Tl0PicIdxOffset)
{
    public static readonly Vp8Indices None = new(-1, false, -1, -1, -1);

    /// <summary>The indices of a VP8 payload; <see cref="None"/> when it has neither or its descriptor does not parse.</summary>
    public static Vp8Indices Read(ReadOnlySpan<byte> payload) =>
        Vp8PayloadDescriptor.TryParse(payload, out var d)
            ? new(d.PictureId, d.LongPictureId, d.PictureIdOffset, d.Tl0PicIdx, d.Tl0PicIdxOffset)
            : None;

    /// <summary>Writes a PictureID into the field this packet has, in its width.</summary>
    public void WritePictureId(Span<byte> payload, int pictureId)
    {
        if (LongPictureId)
        {
            payload[PictureIdOffset] = (byte)(Vp8PayloadDescriptor.LongPictureIdBit | ((pictureId >> 8) & 0x7F));
            payload[PictureIdOffset + 1] = (byte)pictureId;
        }
        else
        {
            payload[PictureIdOffset] = (byte)(pictureId & 0x7F);
        }
    }
}
