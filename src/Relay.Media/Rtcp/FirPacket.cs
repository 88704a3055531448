using System.Buffers.Binary;

namespace Relay.Media.Rtcp;

/// <summary>One FIR FCI entry (RFC 5104 §4.3.1.1): the SSRC asked for a decoder refresh and a command sequence number.</summary>
/// <param name="Ssrc">Media sender that should send a decoder refresh point.</param>
/// <param name="SequenceNumber">Incremented per new request, so repeats of one request can be recognised (RFC 5104 §4.3.1.2).</param>
public readonly record struct FirEntry(uint Ssrc, byte SequenceNumber)
{
    /// <summary>SSRC (4), Seq nr. (1), Reserved (3).</summary>
    public const int Size = 8;

    private const int SsrcOffset = 0;
    private const int SequenceOffset = 4;

    internal static FirEntry Read(ReadOnlySpan<byte> data) =>
        new(BinaryPrimitives.ReadUInt32BigEndian(data[SsrcOffset..]), data[SequenceOffset]);

    internal void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination[SsrcOffset..], Ssrc);
        destination[SequenceOffset] = SequenceNumber;

        // Reserved bits "MUST be set to 0 by the sender" (RFC 5104 §4.3.1.1).
        destination.Slice(SequenceOffset + 1, Size - SequenceOffset - 1).Clear();
    }
}

/// <summary>
/// Full Intra Request (RFC 5104 §4.3.1): PSFB with FMT 4. The media source SSRC of the
/// common header is unused (0); the targets are the FCI entries.
/// </summary>
public readonly ref struct FirPacket
{
    private readonly ReadOnlySpan<byte> _packet;
    private readonly ReadOnlySpan<byte> _fci;

    private FirPacket(ReadOnlySpan<byte> packet, ReadOnlySpan<byte> fci)
    {
        _packet = packet;
        _fci = fci;
    }

    public uint SenderSsrc => RtcpFeedback.ReadSenderSsrc(_packet);

    /// <summary>Should be 0 (RFC 5104 §4.3.1.2); reported as received.</summary>
    public uint MediaSsrc => RtcpFeedback.ReadMediaSsrc(_packet);

    public int EntryCount => _fci.Length / FirEntry.Size;

    public FirEntry GetEntry(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, EntryCount);
        return FirEntry.Read(_fci[(index * FirEntry.Size)..]);
    }

    public static bool TryParse(ReadOnlySpan<byte> data, out FirPacket packet)
    {
        packet = default;

        // At least one whole entry, and nothing but whole entries.
        if (!RtcpFeedback.TryParse(
                data, RtcpPacketType.PayloadFeedback, RtcpFeedbackFormat.FullIntraRequest, out var header, out var fci)
            || fci.IsEmpty
            || fci.Length % FirEntry.Size != 0)
        {
            return false;
        }

        packet = new FirPacket(header.Packet, fci);
        return true;
    }
}

/// <summary>Writes a FIR (RFC 5104 §4.3.1) with media source SSRC 0 and at least one entry.</summary>
public readonly ref struct FirWriter : IRtcpWriter
{
    private readonly uint _senderSsrc;
    private readonly ReadOnlySpan<FirEntry> _entries;

    public FirWriter(uint senderSsrc, ReadOnlySpan<FirEntry> entries)
    {
        ArgumentOutOfRangeException.ThrowIfZero(entries.Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(
            entries.Length, (RtcpHeader.MaxPacketLength - RtcpFeedback.FciOffset) / FirEntry.Size);
        _senderSsrc = senderSsrc;
        _entries = entries;
    }

    public int Size => RtcpFeedback.FciOffset + (_entries.Length * FirEntry.Size);

    public bool TryWriteTo(Span<byte> destination, out int written)
    {
        written = 0;
        var size = Size;
        if (destination.Length < size)
        {
            return false;
        }

        RtcpFeedback.WriteHeader(
            destination, RtcpPacketType.PayloadFeedback, RtcpFeedbackFormat.FullIntraRequest, size, _senderSsrc, 0);
        for (var i = 0; i < _entries.Length; i++)
        {
            _entries[i].Write(destination[(RtcpFeedback.FciOffset + (i * FirEntry.Size))..]);
        }

        written = size;
        return true;
    }
}
