using System.Buffers.Binary;

namespace Relay.Media.Rtcp;

/// <summary>
/// One reception report block of an SR or RR (RFC 3550 §6.4.1), 24 bytes:
/// <code>
///  0 | SSRC_n (source being reported)                                |
///  4 | fraction lost |       cumulative number of packets lost       |
///  8 |           extended highest sequence number received           |
/// 12 |                      interarrival jitter                      |
/// 16 |                         last SR (LSR)                         |
/// 20 |                   delay since last SR (DLSR)                  |
/// </code>
/// A plain value rather than a view: it is small, fixed-size, and callers keep arrays of
/// them to build reports.
/// </summary>
/// <param name="Ssrc">Source this block reports on.</param>
/// <param name="FractionLost">Loss since the previous report, as a fixed-point fraction of 256.</param>
/// <param name="CumulativeLost">Signed 24-bit: duplicates can make it negative (RFC 3550 §6.4.1).</param>
/// <param name="HighestSequence">Cycles in the high 16 bits, highest sequence number in the low 16.</param>
/// <param name="Jitter">Interarrival jitter in RTP timestamp units.</param>
/// <param name="LastSenderReport">Middle 32 bits of the NTP timestamp of the last SR, or 0.</param>
/// <param name="DelaySinceLastSenderReport">Delay since that SR in 1/65536 s, or 0.</param>
public readonly record struct ReportBlock(
    uint Ssrc,
    byte FractionLost,
    int CumulativeLost,
    uint HighestSequence,
    uint Jitter,
    uint LastSenderReport,
    uint DelaySinceLastSenderReport)
{
    public const int Size = 24;

    private const int SsrcOffset = 0;
    private const int FractionLostOffset = 4;
    private const int HighestSequenceOffset = 8;
    private const int JitterOffset = 12;
    private const int LastSenderReportOffset = 16;
    private const int DelayOffset = 20;

    /// <summary>Range of the 24-bit signed field; RFC 3550 §A.3 clamps to it.</summary>
    public const int MaxCumulativeLost = 0x7FFFFF;

    public const int MinCumulativeLost = -0x800000;

    public static bool TryParse(ReadOnlySpan<byte> data, out ReportBlock block)
    {
        if (data.Length < Size)
        {
            block = default;
            return false;
        }

        block = Read(data);
        return true;
    }

    /// <summary>Reads a block from a span already known to hold <see cref="Size"/> bytes.</summary>
    internal static ReportBlock Read(ReadOnlySpan<byte> data)
    {
        // Sign-extend the 24-bit field by shifting it into the top of an int and back.
        var lost = (int)(BinaryPrimitives.ReadUInt32BigEndian(data[FractionLostOffset..]) << 8) >> 8;
        return new ReportBlock(
            BinaryPrimitives.ReadUInt32BigEndian(data[SsrcOffset..]),
            data[FractionLostOffset],
            lost,
            BinaryPrimitives.ReadUInt32BigEndian(data[HighestSequenceOffset..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[JitterOffset..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[LastSenderReportOffset..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[DelayOffset..]));
    }

    /// <summary>Writes 24 bytes; <see cref="CumulativeLost"/> is clamped to the 24-bit range.</summary>
    public bool TryWriteTo(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < Size)
        {
            return false;
        }

        var lost = Math.Clamp(CumulativeLost, MinCumulativeLost, MaxCumulativeLost);
        BinaryPrimitives.WriteUInt32BigEndian(destination[SsrcOffset..], Ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(
            destination[FractionLostOffset..], ((uint)FractionLost << 24) | ((uint)lost & 0xFFFFFF));
        BinaryPrimitives.WriteUInt32BigEndian(destination[HighestSequenceOffset..], HighestSequence);
        BinaryPrimitives.WriteUInt32BigEndian(destination[JitterOffset..], Jitter);
        BinaryPrimitives.WriteUInt32BigEndian(destination[LastSenderReportOffset..], LastSenderReport);
        BinaryPrimitives.WriteUInt32BigEndian(destination[DelayOffset..], DelaySinceLastSenderReport);
        written = Size;
        return true;
    }
}
