using System.Buffers.Binary;

namespace Relay.Media.Rtp;

/// <summary>
/// A read-only view over one RTP packet (RFC 3550 §5.1). It copies nothing: every field is read
/// from the span on demand. Obtain one from <see cref="TryParse"/> only: the fields of a
/// <c>default</c> view have no packet behind them. The view lives as long as the caller's buffer.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|X|  CC   |M|     PT      |       sequence number         |
/// |                           timestamp                           |
/// |           synchronization source (SSRC) identifier            |
/// |            contributing source (CSRC) identifiers  (CC × 4)   |
/// |  extension profile (X=1)      |  extension length in words    |
/// |                     extension data ...                        |
/// |                     payload ... [padding, last octet = count] |
/// </code>
/// </remarks>
public readonly ref struct RtpPacket
{
    /// <summary>The only RTP version in use (RFC 3550 §5.1).</summary>
    public const int RtpVersion = 2;

    /// <summary>Length of the fixed header, before CSRCs and extension.</summary>
    public const int FixedHeaderLength = 12;

    internal const int FlagsOffset = 0;
    internal const int MarkerAndTypeOffset = 1;
    internal const int SequenceNumberOffset = 2;
    internal const int TimestampOffset = 4;
    internal const int SsrcOffset = 8;
    internal const int CsrcLength = 4;
    internal const int ExtensionHeaderLength = 4;
    internal const int ExtensionWordLength = 4;

    internal const byte VersionShift = 6;
    internal const byte PaddingBit = 0x20;
    internal const byte ExtensionBit = 0x10;
    internal const byte CsrcCountMask = 0x0F;
    internal const byte MarkerBit = 0x80;
    internal const byte PayloadTypeMask = 0x7F;

    private RtpPacket(ReadOnlySpan<byte> buffer, int headerLength, int paddingLength)
    {
        Buffer = buffer;
        HeaderLength = headerLength;
        PaddingLength = paddingLength;
    }

    /// <summary>The whole packet this view reads from.</summary>
    public ReadOnlySpan<byte> Buffer { get; }

    /// <summary>Fixed header + CSRCs + header extension, in bytes: where the payload starts.</summary>
    public int HeaderLength { get; }

    /// <summary>Padding octets at the end, including the count octet itself (0 without the P bit).</summary>
    public int PaddingLength { get; }

    public bool HasPadding => (Buffer[FlagsOffset] & PaddingBit) != 0;

    public bool HasExtension => (Buffer[FlagsOffset] & ExtensionBit) != 0;

    public int CsrcCount => Buffer[FlagsOffset] & CsrcCountMask;

    public bool Marker => (Buffer[MarkerAndTypeOffset] & MarkerBit) != 0;

    public byte PayloadType => (byte)(Buffer[MarkerAndTypeOffset] & PayloadTypeMask);

    public ushort SequenceNumber => BinaryPrimitives.ReadUInt16BigEndian(Buffer[SequenceNumberOffset..]);

    public uint Timestamp => BinaryPrimitives.ReadUInt32BigEndian(Buffer[TimestampOffset..]);

    public uint Ssrc => BinaryPrimitives.ReadUInt32BigEndian(Buffer[SsrcOffset..]);

    /// <summary>The extension's "defined by profile" field, or 0 when the X bit is clear.</summary>
    public ushort ExtensionProfile => HasExtension
        ? BinaryPrimitives.ReadUInt16BigEndian(Buffer[ExtensionStart..])
        : (ushort)0;

    /// <summary>The extension body after its 4-octet header (empty when the X bit is clear).</summary>
    public ReadOnlySpan<byte> ExtensionData => HasExtension
        ? Buffer[(ExtensionStart + ExtensionHeaderLength)..HeaderLength]
        : [];

    /// <summary>The payload, without header and padding.</summary>
    public ReadOnlySpan<byte> Payload => Buffer[HeaderLength..PayloadEnd];

    public int PayloadOffset => HeaderLength;

    public int PayloadLength => PayloadEnd - HeaderLength;

    private int PayloadEnd => Buffer.Length - PaddingLength;

    private int ExtensionStart => FixedHeaderLength + (CsrcCount * CsrcLength);

    /// <summary>The CSRC at <paramref name="index"/> (0 ≤ index &lt; <see cref="CsrcCount"/>).</summary>
    public uint GetCsrc(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, CsrcCount);
        return BinaryPrimitives.ReadUInt32BigEndian(Buffer[(FixedHeaderLength + (index * CsrcLength))..]);
    }

    /// <summary>The RFC 8285 header extension elements (none for other extension profiles).</summary>
    public RtpHeaderExtensionEnumerator GetHeaderExtensions() => new(ExtensionProfile, ExtensionData);

    /// <summary>Finds the RFC 8285 element with <paramref name="id"/>; the first one wins.</summary>
    public bool TryGetHeaderExtension(int id, out ReadOnlySpan<byte> data)
    {
        foreach (var element in GetHeaderExtensions())
        {
            if (element.Id == id)
            {
                data = element.Data;
                return true;
            }
        }

        data = default;
        return false;
    }

    /// <summary>
    /// Parses a whole RTP packet. False — never an exception — when it is shorter than its header,
    /// is not version 2, or its CSRC list, extension or padding count runs past the end.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> buffer, out RtpPacket packet)
    {
        packet = default;
        if (!TryGetHeaderLength(buffer, out var headerLength))
        {
            return false;
        }

        var paddingLength = 0;
        if ((buffer[FlagsOffset] & PaddingBit) != 0)
        {
            // RFC 3550 §5.1: the last octet counts the padding, itself included, so 0 is invalid.
            paddingLength = buffer[^1];
            if (paddingLength == 0 || paddingLength > buffer.Length - headerLength)
            {
                return false;
            }
        }

        packet = new RtpPacket(buffer, headerLength, paddingLength);
        return true;
    }

    /// <summary>
    /// Validates the header alone and returns its length. SRTP uses this: the padding octet of an
    /// encrypted packet is ciphertext and cannot be checked before decryption (RFC 3711 §3.1).
    /// </summary>
    public static bool TryGetHeaderLength(ReadOnlySpan<byte> buffer, out int headerLength)
    {
        headerLength = 0;
        if (buffer.Length < FixedHeaderLength || buffer[FlagsOffset] >> VersionShift != RtpVersion)
        {
            return false;
        }

        var length = FixedHeaderLength + ((buffer[FlagsOffset] & CsrcCountMask) * CsrcLength);
        if ((buffer[FlagsOffset] & ExtensionBit) != 0)
        {
            if (buffer.Length < length + ExtensionHeaderLength)
            {
                return false;
            }

            var words = BinaryPrimitives.ReadUInt16BigEndian(buffer[(length + 2)..]);
            length += ExtensionHeaderLength + (words * ExtensionWordLength);
        }

        if (length > buffer.Length)
        {
            return false;
        }

        headerLength = length;
        return true;
    }
}
