using System.Buffers.Binary;

namespace Relay.Media.Rtcp;

/// <summary>
/// Transport-wide congestion control feedback
/// (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1): RTPFB, FMT 15.
/// <code>
/// 12 |     base sequence number      |      packet status count      |
/// 16 |          reference time (24, ×64 ms)          | fb pkt. count |
/// 20 | packet chunks (2 bytes each) ... | recv deltas ... | zero padding |
/// </code>
/// TryParse walks every chunk and checks that the receive deltas the symbols call for are
/// present, so enumeration cannot fail.
/// </summary>
public readonly ref struct TransportCcPacket
{
    internal const int BaseSequenceOffset = RtcpFeedback.FciOffset;
    internal const int StatusCountOffset = BaseSequenceOffset + 2;
    internal const int ReferenceTimeOffset = StatusCountOffset + 2;
    internal const int FeedbackCountOffset = ReferenceTimeOffset + 3;
    internal const int ChunksOffset = FeedbackCountOffset + 1;

    /// <summary>The reference time counts 64 ms units (§3.1).</summary>
    public const int ReferenceTimeUnitMicroseconds = 64_000;

    /// <summary>Receive deltas count 250 µs units (§3.1).</summary>
    public const int DeltaUnitMicroseconds = 250;

    private readonly ReadOnlySpan<byte> _packet;
    private readonly int _deltasOffset;

    private TransportCcPacket(ReadOnlySpan<byte> packet, int deltasOffset)
    {
        _packet = packet;
        _deltasOffset = deltasOffset;
    }

    public uint SenderSsrc => RtcpFeedback.ReadSenderSsrc(_packet);

    public uint MediaSsrc => RtcpFeedback.ReadMediaSsrc(_packet);

    /// <summary>Transport-wide sequence number of the first packet described.</summary>
    public ushort BaseSequence => BinaryPrimitives.ReadUInt16BigEndian(_packet[BaseSequenceOffset..]);

    public int PacketStatusCount => BinaryPrimitives.ReadUInt16BigEndian(_packet[StatusCountOffset..]);

    /// <summary>Signed 24-bit reference time in 64 ms units, in the feedback sender's time base.</summary>
    public int ReferenceTime => (int)(BinaryPrimitives.ReadUInt32BigEndian(_packet[ReferenceTimeOffset..]) & 0xFFFFFF00) >> 8;

    /// <summary>Counts feedback packets, so a media sender can detect lost feedback.</summary>
    public byte FeedbackPacketCount => _packet[FeedbackCountOffset];

    /// <summary>Per-packet statuses in sequence order, with arrival times for received packets.</summary>
    public StatusEnumerator GetEnumerator() => new(_packet, _deltasOffset, BaseSequence, PacketStatusCount, ReferenceTime);

    public static bool TryParse(ReadOnlySpan<byte> data, out TransportCcPacket packet)
    {
        packet = default;
        if (!RtcpFeedback.TryParse(
                data, RtcpPacketType.TransportFeedback, RtcpFeedbackFormat.TransportCc, out var header, out _))
        {
            return false;
        }

        var end = RtcpHeader.Size + header.Payload.Length;
        if (end < ChunksOffset)
        {
            return false;
        }

        var remaining = (int)BinaryPrimitives.ReadUInt16BigEndian(header.Packet[StatusCountOffset..]);
        var offset = ChunksOffset;
        var deltaBytes = 0;
        while (remaining > 0)
        {
            if (offset + TransportCcChunks.ChunkSize > end)
            {
                return false;
            }

            var chunk = BinaryPrimitives.ReadUInt16BigEndian(header.Packet[offset..]);
            offset += TransportCcChunks.ChunkSize;
            var used = Math.Min(remaining, TransportCcChunks.Capacity(chunk));
            for (var i = 0; i < used; i++)
            {
                var symbol = TransportCcChunks.Symbol(chunk, i);
                if (symbol > (int)TransportCcSymbol.LargeDelta)
                {
                    return false;
                }

                deltaBytes += symbol;
            }

            remaining -= used;
        }

        // Symbol values 1 and 2 are also the delta sizes in bytes, hence the sum above.
        if (offset + deltaBytes > end)
        {
            return false;
        }

        packet = new TransportCcPacket(header.Packet, offset);
        return true;
    }

    /// <summary>Walks chunks and deltas in step.</summary>
    public ref struct StatusEnumerator
    {
        private readonly ReadOnlySpan<byte> _packet;
        private readonly int _count;
        private int _index;
        private ushort _sequence;
        private int _chunkOffset;
        private ushort _chunk;
        private int _inChunk;
        private int _chunkCapacity;
        private int _deltaOffset;
        private long _ticks;

        internal StatusEnumerator(ReadOnlySpan<byte> packet, int deltaOffset, ushort baseSequence, int count, int referenceTime)
        {
            _packet = packet;
            _count = count;
            _index = 0;
            _sequence = baseSequence;
            _chunkOffset = ChunksOffset;
            _chunk = 0;
            _inChunk = 0;
            _chunkCapacity = 0;
            _deltaOffset = deltaOffset;
            _ticks = (long)referenceTime * (ReferenceTimeUnitMicroseconds / DeltaUnitMicroseconds);
            Current = default;
        }

        public TransportCcStatus Current { get; private set; }

        public bool MoveNext()
        {
            if (_index >= _count)
            {
                return false;
            }

            // A loop, not an if: a run-length chunk may have length 0. TryParse has checked
            // that the chunks cover the status count, so this stays in bounds.
            while (_inChunk == _chunkCapacity)
            {
                _chunk = BinaryPrimitives.ReadUInt16BigEndian(_packet[_chunkOffset..]);
                _chunkOffset += TransportCcChunks.ChunkSize;
                _inChunk = 0;
                _chunkCapacity = TransportCcChunks.Capacity(_chunk);
            }

            var symbol = (TransportCcSymbol)TransportCcChunks.Symbol(_chunk, _inChunk);
            _inChunk++;
            _index++;
            var delta = 0;
            if (symbol == TransportCcSymbol.SmallDelta)
            {
                delta = _packet[_deltaOffset];
                _deltaOffset++;
            }
            else if (symbol == TransportCcSymbol.LargeDelta)
            {
                delta = BinaryPrimitives.ReadInt16BigEndian(_packet[_deltaOffset..]);
                _deltaOffset += 2;
            }

            // Each delta is relative to the previous received packet; the first to the reference time (§3.1).
            _ticks += delta;
            var arrival = symbol == TransportCcSymbol.NotReceived ? 0 : _ticks * DeltaUnitMicroseconds;
            Current = new TransportCcStatus(_sequence, symbol, delta, arrival);
            _sequence++;
            return true;
        }
    }
}

/// <summary>Status of one transport-wide sequence number in a feedback packet.</summary>
/// <param name="SequenceNumber">Transport-wide sequence number.</param>
/// <param name="Symbol">Whether it arrived, and the delta size used.</param>
/// <param name="Delta">Receive delta in 250 µs units; 0 when not received.</param>
/// <param name="ArrivalMicroseconds">
/// Arrival time in the feedback sender's clock (reference time plus deltas); 0 when not received.
/// </param>
public readonly record struct TransportCcStatus(
    ushort SequenceNumber, TransportCcSymbol Symbol, int Delta, long ArrivalMicroseconds)
{
    public bool Received => Symbol != TransportCcSymbol.NotReceived;
}
