using System.Buffers.Binary;

namespace Relay.Media.Rtcp;

/// <summary>
/// Goodbye (RFC 3550 §6.6), PT 203, count = SC: SC SSRC/CSRCs leaving, then optionally a
/// length-prefixed reason, zero-padded to a 32-bit boundary.
/// </summary>
public readonly ref struct ByePacket
{
    internal const int SsrcsOffset = RtcpHeader.Size;
    internal const int SsrcSize = 4;

    private readonly ReadOnlySpan<byte> _packet;

    private ByePacket(ReadOnlySpan<byte> packet, int ssrcCount, ReadOnlySpan<byte> reason)
    {
        _packet = packet;
        SsrcCount = ssrcCount;
        Reason = reason;
    }

    public int SsrcCount { get; }

    /// <summary>The reason text (UTF-8, RFC 3550 §6.6), empty when absent.</summary>
    public ReadOnlySpan<byte> Reason { get; }

    public uint GetSsrc(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, SsrcCount);
        return BinaryPrimitives.ReadUInt32BigEndian(_packet[(SsrcsOffset + (index * SsrcSize))..]);
    }

    public static bool TryParse(ReadOnlySpan<byte> data, out ByePacket packet)
    {
        packet = default;
        if (!RtcpHeader.TryParse(data, out var header) || header.PacketType != RtcpPacketType.Goodbye)
        {
            return false;
        }

        var ssrcBytes = header.Count * SsrcSize;
        if (header.Payload.Length < ssrcBytes)
        {
            return false;
        }

        var rest = header.Payload[ssrcBytes..];
        ReadOnlySpan<byte> reason = default;
        if (!rest.IsEmpty)
        {
            // A zero length octet is "no reason" followed by the zero padding.
            var length = rest[0];
            if (rest.Length < 1 + length)
            {
                return false;
            }

            reason = rest.Slice(1, length);
        }

        packet = new ByePacket(header.Packet, header.Count, reason);
        return true;
    }
}

/// <summary>Writes a BYE for up to 31 sources with an optional UTF-8 reason of up to 255 bytes.</summary>
public readonly ref struct ByeWriter : IRtcpWriter
{
    private readonly ReadOnlySpan<uint> _ssrcs;
    private readonly ReadOnlySpan<byte> _reason;

    public ByeWriter(ReadOnlySpan<uint> ssrcs, ReadOnlySpan<byte> reason = default)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ssrcs.Length, RtcpHeader.MaxCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(reason.Length, byte.MaxValue);
        _ssrcs = ssrcs;
        _reason = reason;
    }

    public int Size
    {
        get
        {
            var size = ByePacket.SsrcsOffset + (_ssrcs.Length * ByePacket.SsrcSize);
            // Length octet and text, zero-padded to a word (RFC 3550 §6.6).
            return _reason.IsEmpty ? size : size + ((1 + _reason.Length + 3) & ~3);
        }
    }

    public bool TryWriteTo(Span<byte> destination, out int written)
    {
        written = 0;
        var size = Size;
        if (destination.Length < size)
        {
            return false;
        }

        RtcpHeader.Write(destination, _ssrcs.Length, RtcpPacketType.Goodbye, size);
        var offset = ByePacket.SsrcsOffset;
        foreach (var ssrc in _ssrcs)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], ssrc);
            offset += ByePacket.SsrcSize;
        }

        if (!_reason.IsEmpty)
        {
            destination[offset] = (byte)_reason.Length;
            _reason.CopyTo(destination[(offset + 1)..]);
            destination[(offset + 1 + _reason.Length)..size].Clear();
        }

        written = size;
        return true;
    }
}
