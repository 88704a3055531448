using System.Buffers.Binary;

namespace Relay.Media.Rtcp;

/// <summary>
/// Receiver Estimated Maximum Bitrate (draft-alvestrand-rmcat-remb-03 §2): PSFB, FMT 15,
/// media source SSRC 0, then
/// <code>
/// 12 | Unique identifier 'R' 'E' 'M' 'B'                             |
/// 16 | Num SSRC      | BR Exp    |  BR Mantissa (18 bits)            |
/// 20 | SSRC feedback (Num SSRC × 4)                                  |
/// </code>
/// The bitrate in bits per second is mantissa × 2^exp.
/// </summary>
public readonly ref struct RembPacket
{
    internal const int IdentifierOffset = RtcpFeedback.FciOffset;
    internal const int BitrateOffset = IdentifierOffset + 4;
    internal const int SsrcsOffset = BitrateOffset + 4;
    internal const int SsrcSize = 4;

    /// <summary>'R' 'E' 'M' 'B' in network order.</summary>
    internal const uint Identifier = 0x52454D42;

    internal const int ExponentShift = 18;
    internal const uint MantissaMask = 0x3FFFF;
    private const int ExponentMask = 0x3F;

    private readonly ReadOnlySpan<byte> _packet;

    private RembPacket(ReadOnlySpan<byte> packet) => _packet = packet;

    public uint SenderSsrc => RtcpFeedback.ReadSenderSsrc(_packet);

    public int SsrcCount => _packet[BitrateOffset];

    public int BitrateExponent => (int)(BitrateField >> ExponentShift) & ExponentMask;

    public uint BitrateMantissa => BitrateField & MantissaMask;

    /// <summary>
    /// mantissa × 2^exp in bits per second. An 18-bit mantissa with a 6-bit exponent can exceed 64 bits; such values
    /// saturate at <see cref="ulong.MaxValue"/> (no real link is that fast).
    /// </summary>
    public ulong Bitrate
    {
        get
        {
            ulong mantissa = BitrateMantissa;
            var exponent = BitrateExponent;
            if (mantissa == 0)
            {
                return 0;
            }

            return mantissa > (ulong.MaxValue >> exponent) ? ulong.MaxValue : mantissa << exponent;
        }
    }

    public uint GetSsrc(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, SsrcCount);
        return BinaryPrimitives.ReadUInt32BigEndian(_packet[(SsrcsOffset + (index * SsrcSize))..]);
    }

    private uint BitrateField => BinaryPrimitives.ReadUInt32BigEndian(_packet[BitrateOffset..]);

    public static bool TryParse(ReadOnlySpan<byte> data, out RembPacket packet)
    {
        packet = default;
        if (!RtcpFeedback.TryParse(
                data, RtcpPacketType.PayloadFeedback, RtcpFeedbackFormat.ApplicationLayer, out var header, out var fci)
            || fci.Length < SsrcsOffset - RtcpFeedback.FciOffset
            || BinaryPrimitives.ReadUInt32BigEndian(fci) != Identifier)
        {
            return false;
        }

        var ssrcCount = fci[BitrateOffset - RtcpFeedback.FciOffset];
        if (fci.Length < SsrcsOffset - RtcpFeedback.FciOffset + (ssrcCount * SsrcSize))
        {
            return false;
        }

        packet = new RembPacket(header.Packet);
        return true;
    }
}

/// <summary>Writes a REMB for the given SSRCs (at most 255).</summary>
public readonly ref struct RembWriter : IRtcpWriter
{
    private readonly uint _senderSsrc;
    private readonly ulong _bitrate;
    private readonly ReadOnlySpan<uint> _ssrcs;

    public RembWriter(uint senderSsrc, ulong bitrate, ReadOnlySpan<uint> ssrcs)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ssrcs.Length, byte.MaxValue);
        _senderSsrc = senderSsrc;
        _bitrate = bitrate;
        _ssrcs = ssrcs;
    }

    public int Size => RembPacket.SsrcsOffset + (_ssrcs.Length * RembPacket.SsrcSize);

    /// <summary>
    /// Smallest exponent whose mantissa fits 18 bits. Dropped low bits round the bitrate down,
    /// which is the safe direction for a maximum.
    /// </summary>
    public static (int Exponent, uint Mantissa) Encode(ulong bitrate)
    {
        var exponent = 0;
        while (bitrate > RembPacket.MantissaMask)
        {
            bitrate >>= 1;
            exponent++;
        }

        return (exponent, (uint)bitrate);
    }

    public bool TryWriteTo(Span<byte> destination, out int written)
    {
        written = 0;
        var size = Size;
        if (destination.Length < size)
        {
            return false;
        }

        // The draft says the media source SSRC "SHOULD be set to 0" (draft §2).
        RtcpFeedback.WriteHeader(
            destination, RtcpPacketType.PayloadFeedback, RtcpFeedbackFormat.ApplicationLayer, size, _senderSsrc, 0);
        BinaryPrimitives.WriteUInt32BigEndian(destination[RembPacket.IdentifierOffset..], RembPacket.Identifier);
        var (exponent, mantissa) = Encode(_bitrate);
        var field = ((uint)_ssrcs.Length << 24) | ((uint)exponent << RembPacket.ExponentShift) | mantissa;
        BinaryPrimitives.WriteUInt32BigEndian(destination[RembPacket.BitrateOffset..], field);
        for (var i = 0; i < _ssrcs.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[(RembPacket.SsrcsOffset + (i * RembPacket.SsrcSize))..], _ssrcs[i]);
        }

        written = size;
        return true;
    }
}
