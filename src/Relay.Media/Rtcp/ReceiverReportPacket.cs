using System.Buffers.Binary;

namespace Relay.Media.Rtcp;

/// <summary>
/// Receiver Report (RFC 3550 §6.4.2), PT 201, count = RC:
/// <code>
/// 4 | SSRC of packet sender                                            |
/// 8 | report blocks (RC × 24 bytes), then profile-specific extensions    |
/// </code>
/// Chromium sends an RR with RC = 0 as the mandatory first packet of a compound when it
/// has nothing to report yet.
/// </summary>
public readonly ref struct ReceiverReportPacket
{
    internal const int SsrcOffset = 4;
    internal const int BlocksOffset = 8;

    private readonly ReadOnlySpan<byte> _packet;
    private readonly int _extensionsStart;
    private readonly int _payloadEnd;

    private ReceiverReportPacket(RtcpHeader header)
    {
        _packet = header.Packet;
        ReportCount = header.Count;
        _extensionsStart = BlocksOffset + (ReportCount * ReportBlock.Size);
        _payloadEnd = RtcpHeader.Size + header.Payload.Length;
    }

    public uint SenderSsrc => BinaryPrimitives.ReadUInt32BigEndian(_packet[SsrcOffset..]);

    public int ReportCount { get; }

    /// <summary>Profile-specific extensions after the report blocks, usually empty.</summary>
    public ReadOnlySpan<byte> Extensions => _packet[_extensionsStart.._payloadEnd];

    /// <summary>Report block <paramref name="index"/>, 0 ≤ index &lt; <see cref="ReportCount"/>.</summary>
    public ReportBlock GetReportBlock(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ReportCount);
        return ReportBlock.Read(_packet[(BlocksOffset + (index * ReportBlock.Size))..]);
    }

    public static bool TryParse(ReadOnlySpan<byte> data, out ReceiverReportPacket packet)
    {
        packet = default;
        if (!RtcpHeader.TryParse(data, out var header)
            || header.PacketType != RtcpPacketType.ReceiverReport
            || RtcpHeader.Size + header.Payload.Length < BlocksOffset + (header.Count * ReportBlock.Size))
        {
            return false;
        }

        packet = new ReceiverReportPacket(header);
        return true;
    }
}

/// <summary>Writes a Receiver Report with up to 31 report blocks and no extensions.</summary>
public readonly ref struct ReceiverReportWriter : IRtcpWriter
{
    private readonly uint _senderSsrc;
    private readonly ReadOnlySpan<ReportBlock> _blocks;

    public ReceiverReportWriter(uint senderSsrc, ReadOnlySpan<ReportBlock> blocks)
    {
        // RC is five bits (RFC 3550 §6.4.2); send further RRs in the same compound for more.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(blocks.Length, RtcpHeader.MaxCount);
        _senderSsrc = senderSsrc;
        _blocks = blocks;
    }

    public int Size => ReceiverReportPacket.BlocksOffset + (_blocks.Length * ReportBlock.Size);

    public bool TryWriteTo(Span<byte> destination, out int written)
    {
        written = 0;
        var size = Size;
        if (destination.Length < size)
        {
            return false;
        }

        RtcpHeader.Write(destination, _blocks.Length, RtcpPacketType.ReceiverReport, size);
        BinaryPrimitives.WriteUInt32BigEndian(destination[ReceiverReportPacket.SsrcOffset..], _senderSsrc);
        ReportBlockList.Write(_blocks, destination[ReceiverReportPacket.BlocksOffset..]);
        written = size;
        return true;
    }
}
