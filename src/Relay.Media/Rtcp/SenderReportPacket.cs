using System.Buffers.Binary;

namespace Relay.Media.Rtcp;

/// <summary>
/// Sender Report (RFC 3550 §6.4.1), PT 200, count = RC:
/// <code>
///  4 | SSRC of sender                                                |
///  8 | NTP timestamp, most significant word                          |
/// 12 | NTP timestamp, least significant word                         |
/// 16 | RTP timestamp                                                 |
/// 20 | sender's packet count                                         |
/// 24 | sender's octet count                                          |
/// 28 | report blocks (RC × 24 bytes), then profile-specific extensions |
/// </code>
/// </summary>
public readonly ref struct SenderReportPacket
{
    internal const int SsrcOffset = 4;
    internal const int NtpOffset = 8;
    internal const int RtpTimestampOffset = 16;
    internal const int PacketCountOffset = 20;
    internal const int OctetCountOffset = 24;
    internal const int BlocksOffset = 28;

    private readonly ReadOnlySpan<byte> _packet;
    private readonly int _extensionsStart;
    private readonly int _payloadEnd;

    private SenderReportPacket(RtcpHeader header)
    {
        _packet = header.Packet;
        ReportCount = header.Count;
        _extensionsStart = BlocksOffset + (ReportCount * ReportBlock.Size);
        _payloadEnd = RtcpHeader.Size + header.Payload.Length;
    }

    public uint SenderSsrc => BinaryPrimitives.ReadUInt32BigEndian(_packet[SsrcOffset..]);

    public NtpTimestamp NtpTimestamp => new(BinaryPrimitives.ReadUInt64BigEndian(_packet[NtpOffset..]));

    public uint RtpTimestamp => BinaryPrimitives.ReadUInt32BigEndian(_packet[RtpTimestampOffset..]);

    public uint PacketCount => BinaryPrimitives.ReadUInt32BigEndian(_packet[PacketCountOffset..]);

    public uint OctetCount => BinaryPrimitives.ReadUInt32BigEndian(_packet[OctetCountOffset..]);

    public int ReportCount { get; }

    /// <summary>Profile-specific extensions after the report blocks (RFC 3550 §6.4.1), usually empty.</summary>
    public ReadOnlySpan<byte> Extensions => _packet[_extensionsStart.._payloadEnd];

    /// <summary>Report block <paramref name="index"/>, 0 ≤ index &lt; <see cref="ReportCount"/>.</summary>
    public ReportBlock GetReportBlock(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ReportCount);
        return ReportBlock.Read(_packet[(BlocksOffset + (index * ReportBlock.Size))..]);
    }

    public static bool TryParse(ReadOnlySpan<byte> data, out SenderReportPacket packet)
    {
        packet = default;
        if (!RtcpHeader.TryParse(data, out var header)
            || header.PacketType != RtcpPacketType.SenderReport
            || RtcpHeader.Size + header.Payload.Length < BlocksOffset + (header.Count * ReportBlock.Size))
        {
            return false;
        }

        packet = new SenderReportPacket(header);
        return true;
    }
}

/// <summary>Writes a Sender Report with up to 31 report blocks and no extensions.</summary>
public readonly ref struct SenderReportWriter : IRtcpWriter
{
    private readonly uint _senderSsrc;
    private readonly NtpTimestamp _ntp;
    private readonly uint _rtpTimestamp;
    private readonly uint _packetCount;
    private readonly uint _octetCount;
    private readonly ReadOnlySpan<ReportBlock> _blocks;

    public SenderReportWriter(
        uint senderSsrc,
        NtpTimestamp ntpTimestamp,
        uint rtpTimestamp,
        uint packetCount,
        uint octetCount,
        ReadOnlySpan<ReportBlock> blocks)
    {
        // RC is five bits; more blocks need a second RR in the same compound (RFC 3550 §6.4.1).
        ArgumentOutOfRangeException.ThrowIfGreaterThan(blocks.Length, RtcpHeader.MaxCount);
        _senderSsrc = senderSsrc;
        _ntp = ntpTimestamp;
        _rtpTimestamp = rtpTimestamp;
        _packetCount = packetCount;
        _octetCount = octetCount;
        _blocks = blocks;
    }

    public int Size => SenderReportPacket.BlocksOffset + (_blocks.Length * ReportBlock.Size);

    public bool TryWriteTo(Span<byte> destination, out int written)
    {
        written = 0;
        var size = Size;
        if (destination.Length < size)
        {
            return false;
        }

        RtcpHeader.Write(destination, _blocks.Length, RtcpPacketType.SenderReport, size);
        BinaryPrimitives.WriteUInt32BigEndian(destination[SenderReportPacket.SsrcOffset..], _senderSsrc);
        BinaryPrimitives.WriteUInt64BigEndian(destination[SenderReportPacket.NtpOffset..], _ntp.Value);
        BinaryPrimitives.WriteUInt32BigEndian(destination[SenderReportPacket.RtpTimestampOffset..], _rtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[SenderReportPacket.PacketCountOffset..], _packetCount);
        BinaryPrimitives.WriteUInt32BigEndian(destination[SenderReportPacket.OctetCountOffset..], _octetCount);
        ReportBlockList.Write(_blocks, destination[SenderReportPacket.BlocksOffset..]);
        written = size;
        return true;
    }
}
