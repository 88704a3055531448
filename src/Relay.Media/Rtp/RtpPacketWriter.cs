using System.Buffers.Binary;

namespace Relay.Media.Rtp;

/// <summary>
/// Describes an RTP packet to build (pion's MarshalSize/MarshalTo shape): <see cref="GetSize"/>
/// tells the caller how much room to rent, <see cref="TryWriteTo"/> writes into it. Nothing is
/// allocated; the spans are read when writing.
/// </summary>
public readonly ref struct RtpPacketWriter
{
    private const int MaxCsrcCount = 15;
    private const int MaxExtensionWords = ushort.MaxValue;

    public bool Marker { get; init; }

    public byte PayloadType { get; init; }

    public ushort SequenceNumber { get; init; }

    public uint Timestamp { get; init; }

    public uint Ssrc { get; init; }

    public ReadOnlySpan<uint> Csrcs { get; init; }

    /// <summary>Written only when <see cref="HasExtension"/> is set.</summary>
    public ushort ExtensionProfile { get; init; }

    /// <summary>
    /// Extension body after its 4-octet header, already framed (e.g. RFC 8285 elements and their
    /// padding); a whole number of 32-bit words, and empty unless <see cref="HasExtension"/> is set.
    /// </summary>
    public ReadOnlySpan<byte> ExtensionData { get; init; }

    public bool HasExtension { get; init; }

    public ReadOnlySpan<byte> Payload { get; init; }

    /// <summary>Padding octets to append, the count octet included; 0 for none.</summary>
    public byte PaddingLength { get; init; }

    public int HeaderLength =>
        RtpPacket.FixedHeaderLength + (Csrcs.Length * RtpPacket.CsrcLength)
        + (HasExtension ? RtpPacket.ExtensionHeaderLength + ExtensionData.Length : 0);

    public int GetSize() => HeaderLength + Payload.Length + PaddingLength;

    /// <summary>
    /// Writes the packet. False when <paramref name="destination"/> is too small or the description
    /// cannot be encoded (more than 15 CSRCs, payload type above 127, extension not word-aligned).
    /// </summary>
    public bool TryWriteTo(Span<byte> destination, out int written)
    {
        written = 0;
        var size = GetSize();
        if (!IsEncodable() || destination.Length < size)
        {
            return false;
        }

        var flags = (RtpPacket.RtpVersion << RtpPacket.VersionShift) | Csrcs.Length;
        if (PaddingLength > 0)
        {
            flags |= RtpPacket.PaddingBit;
        }

        if (HasExtension)
        {
            flags |= RtpPacket.ExtensionBit;
        }

        destination[RtpPacket.FlagsOffset] = (byte)flags;
        destination[RtpPacket.MarkerAndTypeOffset] = (byte)((Marker ? RtpPacket.MarkerBit : 0) | PayloadType);
        BinaryPrimitives.WriteUInt16BigEndian(destination[RtpPacket.SequenceNumberOffset..], SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[RtpPacket.TimestampOffset..], Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[RtpPacket.SsrcOffset..], Ssrc);

        var offset = RtpPacket.FixedHeaderLength;
        foreach (var csrc in Csrcs)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], csrc);
            offset += RtpPacket.CsrcLength;
        }

        if (HasExtension)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], ExtensionProfile);
            BinaryPrimitives.WriteUInt16BigEndian(
                destination[(offset + 2)..],
                (ushort)(ExtensionData.Length / RtpPacket.ExtensionWordLength));
            offset += RtpPacket.ExtensionHeaderLength;
            ExtensionData.CopyTo(destination[offset..]);
            offset += ExtensionData.Length;
        }

        Payload.CopyTo(destination[offset..]);
        offset += Payload.Length;

        if (PaddingLength > 0)
        {
            // RFC 3550 §5.1: zero octets, then the count (itself included) in the last one.
            destination.Slice(offset, PaddingLength - 1).Clear();
            destination[offset + PaddingLength - 1] = PaddingLength;
            offset += PaddingLength;
        }

        written = offset;
        return true;
    }

    private bool IsEncodable() =>
        Csrcs.Length <= MaxCsrcCount
        && PayloadType <= RtpPacket.PayloadTypeMask
        && ExtensionData.Length % RtpPacket.ExtensionWordLength == 0
        && ExtensionData.Length / RtpPacket.ExtensionWordLength <= MaxExtensionWords
        && (HasExtension || ExtensionData.IsEmpty);
}
