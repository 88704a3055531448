using System.Buffers.Binary;

namespace Relay.Media.Rtcp;

/// <summary>
/// Builds transport-wide CC feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1)
/// from arrivals in ascending sequence order. Sequence numbers missing between two arrivals
/// are reported as not received. The reference time is the first received arrival rounded
/// down to 64 ms; deltas are whole 250 µs ticks of the absolute arrival times, so rounding
/// never accumulates. Chunks are chosen by <see cref="TransportCcChunkEncoder"/>.
/// </summary>
public readonly ref struct TransportCcWriter : IRtcpWriter
{
    private const long TicksPerReference = TransportCcPacket.ReferenceTimeUnitMicroseconds / TransportCcPacket.DeltaUnitMicroseconds;
    private const int ReferenceTimeMask = 0xFFFFFF;

    private readonly uint _senderSsrc;
    private readonly uint _mediaSsrc;
    private readonly byte _feedbackPacketCount;
    private readonly ReadOnlySpan<TransportCcArrival> _arrivals;
    private readonly int _statusCount;
    private readonly long _referenceTime;
    private readonly int _chunkCount;
    private readonly int _deltaBytes;

    private TransportCcWriter(
        uint senderSsrc,
        uint mediaSsrc,
        byte feedbackPacketCount,
        ReadOnlySpan<TransportCcArrival> arrivals,
        int statusCount,
        long referenceTime,
        int chunkCount,
        int deltaBytes)
    {
        _senderSsrc = senderSsrc;
        _mediaSsrc = mediaSsrc;
        _feedbackPacketCount = feedbackPacketCount;
        _arrivals = arrivals;
        _statusCount = statusCount;
        _referenceTime = referenceTime;
        _chunkCount = chunkCount;
        _deltaBytes = deltaBytes;
    }

    /// <summary>Whole packet, zero padding included.</summary>
    public int Size => (TransportCcPacket.ChunksOffset + (_chunkCount * TransportCcChunks.ChunkSize) + _deltaBytes + 3) & ~3;

    /// <summary>Checks the arrivals and plans the packet; the span must stay unchanged until written.</summary>
    public static bool TryCreate(
        uint senderSsrc,
        uint mediaSsrc,
        byte feedbackPacketCount,
        ReadOnlySpan<TransportCcArrival> arrivals,
        out TransportCcWriter writer,
        out TransportCcBuildError error)
    {
        writer = default;
        error = Validate(arrivals, out var statusCount, out var referenceTime);
        if (error != TransportCcBuildError.None)
        {
            return false;
        }

        error = Encode(arrivals, referenceTime, default, default, out var chunkCount, out var deltaBytes);
        if (error != TransportCcBuildError.None)
        {
            return false;
        }

        writer = new TransportCcWriter(
            senderSsrc, mediaSsrc, feedbackPacketCount, arrivals, statusCount, referenceTime, chunkCount, deltaBytes);
        return true;
    }

    public bool TryWriteTo(Span<byte> destination, out int written)
    {
        written = 0;
        var size = Size;
        if (_arrivals.IsEmpty || destination.Length < size)
        {
            return false;
        }

        RtcpFeedback.WriteHeader(
            destination, RtcpPacketType.TransportFeedback, RtcpFeedbackFormat.TransportCc, size, _senderSsrc, _mediaSsrc);
        BinaryPrimitives.WriteUInt16BigEndian(destination[TransportCcPacket.BaseSequenceOffset..], _arrivals[0].SequenceNumber);
        BinaryPrimitives.WriteUInt16BigEndian(destination[TransportCcPacket.StatusCountOffset..], (ushort)_statusCount);
        BinaryPrimitives.WriteUInt32BigEndian(
            destination[TransportCcPacket.ReferenceTimeOffset..],
            ((uint)(_referenceTime & ReferenceTimeMask) << 8) | _feedbackPacketCount);

        var chunks = destination[TransportCcPacket.ChunksOffset..];
        var deltasStart = TransportCcPacket.ChunksOffset + (_chunkCount * TransportCcChunks.ChunkSize);
        Encode(_arrivals, _referenceTime, chunks, destination[deltasStart..], out _, out var deltaBytes);
        destination[(deltasStart + deltaBytes)..size].Clear();
        written = size;
        return true;
    }

    private static TransportCcBuildError Validate(
        ReadOnlySpan<TransportCcArrival> arrivals, out int statusCount, out long referenceTime)
    {
        statusCount = 0;
        referenceTime = 0;
        if (arrivals.IsEmpty)
        {
            return TransportCcBuildError.Empty;
        }

        var firstReceived = true;
        for (var i = 0; i < arrivals.Length; i++)
        {
            var step = i == 0 ? 1 : (ushort)(arrivals[i].SequenceNumber - arrivals[i - 1].SequenceNumber);
            if (step is 0 or > short.MaxValue)
            {
                return TransportCcBuildError.NotAscending;
            }

            statusCount += step;
            if (statusCount > ushort.MaxValue)
            {
                return TransportCcBuildError.TooManyPackets;
            }

            if (arrivals[i].ArrivalMicroseconds is { } arrival)
            {
                if (arrival < 0)
                {
                    return TransportCcBuildError.NegativeArrivalTime;
                }

                if (firstReceived)
                {
                    referenceTime = arrival / TransportCcPacket.ReferenceTimeUnitMicroseconds;
                    firstReceived = false;
                }
            }
        }

        return TransportCcBuildError.None;
    }

    /// <summary>
    /// One walk over the arrivals, used twice: with empty destinations it only counts chunks and
    /// delta bytes (and finds deltas out of range); with real ones it writes them.
    /// </summary>
    private static TransportCcBuildError Encode(
        ReadOnlySpan<TransportCcArrival> arrivals,
        long referenceTime,
        Span<byte> chunks,
        Span<byte> deltas,
        out int chunkCount,
        out int deltaBytes)
    {
        var write = !chunks.IsEmpty;
        var encoder = default(TransportCcChunkEncoder);
        var previousTicks = referenceTime * TicksPerReference;
        var expected = arrivals[0].SequenceNumber;
        chunkCount = 0;
        deltaBytes = 0;
        ushort chunk;
        foreach (var arrival in arrivals)
        {
            for (; expected != arrival.SequenceNumber; expected++)
            {
                if (encoder.Add(TransportCcSymbol.NotReceived, out chunk))
                {
                    WriteChunk(chunks, write, ref chunkCount, chunk);
                }
            }

            expected++;
            var symbol = TransportCcSymbol.NotReceived;
            if (arrival.ArrivalMicroseconds is { } microseconds)
            {
                var ticks = microseconds / TransportCcPacket.DeltaUnitMicroseconds;
                var delta = ticks - previousTicks;
                previousTicks = ticks;
                if (delta is >= 0 and <= byte.MaxValue)
                {
                    symbol = TransportCcSymbol.SmallDelta;
                    if (write)
                    {
                        deltas[deltaBytes] = (byte)delta;
                    }

                    deltaBytes += 1;
                }
                else if (delta is >= short.MinValue and <= short.MaxValue)
                {
                    symbol = TransportCcSymbol.LargeDelta;
                    if (write)
                    {
                        BinaryPrimitives.WriteInt16BigEndian(deltas[deltaBytes..], (short)delta);
                    }

                    deltaBytes += 2;
                }
                else
                {
                    return TransportCcBuildError.DeltaOutOfRange;
                }
            }

            if (encoder.Add(symbol, out chunk))
            {
                WriteChunk(chunks, write, ref chunkCount, chunk);
            }
        }

        if (encoder.Flush(out chunk))
        {
            WriteChunk(chunks, write, ref chunkCount, chunk);
        }

        return TransportCcBuildError.None;
    }

    private static void WriteChunk(Span<byte> chunks, bool write, ref int chunkCount, ushort chunk)
    {
        if (write)
        {
            BinaryPrimitives.WriteUInt16BigEndian(chunks[(chunkCount * TransportCcChunks.ChunkSize)..], chunk);
        }

        chunkCount++;
    }
}
