using System.Buffers.Binary;

namespace Relay.Media.Rtcp;

/// <summary>
/// View of the RTCP common header and the packet it frames (RFC 3550 §6.4.1):
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// |V=2|P|  count  |      PT       |             length            |
/// </code>
/// length is the packet size in 32-bit words minus one, so every RTCP packet is a
/// multiple of four bytes and at least the header itself.
/// </summary>
public readonly ref struct RtcpHeader
{
    /// <summary>Size of the common header in bytes.</summary>
    public const int Size = 4;

    internal const int Version2 = 2;
    private const int VersionShift = 6;
    private const byte PaddingBit = 0x20;
    private const byte CountMask = 0x1F;
    private const int PacketTypeOffset = 1;
    private const int LengthOffset = 2;

    /// <summary>Largest value of the 5-bit count field (RC, SC or FMT).</summary>
    public const int MaxCount = CountMask;

    /// <summary>Largest packet the 16-bit length field can describe.</summary>
    internal const int MaxPacketLength = (ushort.MaxValue + 1) * 4;

    private RtcpHeader(ReadOnlySpan<byte> packet, ReadOnlySpan<byte> payload)
    {
        Packet = packet;
        Payload = payload;
    }

    /// <summary>True if the P bit is set; <see cref="Payload"/> already excludes the padding.</summary>
    public bool HasPadding => (Packet[0] & PaddingBit) != 0;

    /// <summary>The 5-bit field after P: report count, source count, or feedback FMT.</summary>
    public int Count => Packet[0] & CountMask;

    public RtcpPacketType PacketType => (RtcpPacketType)Packet[PacketTypeOffset];

    /// <summary>The whole packet, header included, as delimited by the length field.</summary>
    public ReadOnlySpan<byte> Packet { get; }

    /// <summary>The bytes after the common header, without padding.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    public static bool TryParse(ReadOnlySpan<byte> data, out RtcpHeader header) =>
        TryParse(data, out header, out _);

    /// <summary>Reads the header at the start of <paramref name="data"/>; bytes past its length field are ignored.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out RtcpHeader header, out RtcpError error)
    {
        header = default;
        if (data.Length < Size)
        {
            error = RtcpError.TooShort;
            return false;
        }

        if (data[0] >> VersionShift != Version2)
        {
            error = RtcpError.BadVersion;
            return false;
        }

        var length = (BinaryPrimitives.ReadUInt16BigEndian(data[LengthOffset..]) + 1) * 4;
        if (length > data.Length)
        {
            error = RtcpError.LengthOverrun;
            return false;
        }

        var packet = data[..length];
        var payloadEnd = length;
        if ((packet[0] & PaddingBit) != 0)
        {
            // RFC 3550 §6.4.1: the last octet counts the padding, itself included.
            var padding = packet[^1];
            if (padding == 0 || padding > length - Size)
            {
                error = RtcpError.BadPadding;
                return false;
            }

            payloadEnd -= padding;
        }

        header = new RtcpHeader(packet, packet[Size..payloadEnd]);
        error = RtcpError.None;
        return true;
    }

    /// <summary>
    /// Writes a header without padding for a packet of <paramref name="packetLength"/> bytes
    /// (a multiple of four, at most 256 KiB, checked by the callers' size computations).
    /// </summary>
    internal static void Write(Span<byte> destination, int count, RtcpPacketType type, int packetLength)
    {
        destination[0] = (byte)((Version2 << VersionShift) | count);
        destination[PacketTypeOffset] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(destination[LengthOffset..], (ushort)((packetLength / 4) - 1));
    }
}
